using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>OSv guest, vhost-net, offload on (thesis technique 6).</summary>
public sealed class OSvVhostFixture(TestbedFixture run) : OSvFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "OSvVhost";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "oh";

    /// <inheritdoc />
    protected override bool Vhost => true;
}
