using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.LinuxPasst;

/// <summary>The Linux guest on passt: QEMU's NIC is a UNIX stream socket (<c>-netdev stream</c>) to a passt process
/// that listens on the forwarded ports of the testbed's host address and translates the guest's frames to host sockets.
/// Local testbed only for now.</summary>
public sealed class LinuxPasstFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxPasst";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Guest, "QEMU", "#637939",
        "the Linux guest on passt through `-netdev stream` (a UNIX socket), userspace virtio-net, MTU 65520 as passt's DHCP gives",
        "forwarded ports on the host's cable address, as LinuxUserNet",
        "a guest without a tap, its frames translated to host sockets by passt, whose CPU counts as the technique's",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lp";

    /// <inheritdoc />
    protected override bool Vhost => false;

    /// <inheritdoc />
    protected override bool Offload => true;

    /// <inheritdoc />
    protected override async Task<NicForwarder?> ForwarderAsync(Testbed testbed, CancellationToken cancellationToken) =>
        await Passt.StartAsync(testbed, Run.RunId, Role + "p", Run.Registry, cancellationToken);
}
