using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, vhost-net, offload off (thesis technique 4).</summary>
public sealed class LinuxVhostFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVhost";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lh";

    /// <inheritdoc />
    protected override bool Vhost => true;

    /// <inheritdoc />
    protected override bool Offload => false;
}
