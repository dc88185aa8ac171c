using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, QEMU's userspace virtio-net, offload off (thesis technique 1).</summary>
public sealed class LinuxVirtioFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVirtio";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lv";

    /// <inheritdoc />
    protected override bool Vhost => false;

    /// <inheritdoc />
    protected override bool Offload => false;
}
