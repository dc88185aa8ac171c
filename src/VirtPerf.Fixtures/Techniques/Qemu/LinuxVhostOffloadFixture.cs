using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, vhost-net, offload on (thesis technique 5).</summary>
public sealed class LinuxVhostOffloadFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVhostOffload";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lho";

    /// <inheritdoc />
    protected override bool Vhost => true;

    /// <inheritdoc />
    protected override bool Offload => true;
}
