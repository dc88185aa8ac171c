using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>OSv guest, QEMU's userspace virtio-net, offload on (thesis technique 3).</summary>
public sealed class OSvVirtioFixture(TestbedFixture run) : OSvFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "OSvVirtio";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "ov";

    /// <inheritdoc />
    protected override bool Vhost => false;
}
