using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, QEMU's userspace virtio-net, offload on (thesis technique 2).</summary>
public sealed class LinuxVirtioOffloadFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVirtioOffload";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lvo";

    /// <inheritdoc />
    protected override bool Vhost => false;

    /// <inheritdoc />
    protected override bool Offload => true;
}
