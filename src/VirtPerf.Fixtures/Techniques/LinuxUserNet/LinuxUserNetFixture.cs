using System.Globalization;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.LinuxUserNet;

/// <summary>The Linux guest on QEMU's user-mode networking (slirp): no tap, no bridge; QEMU itself listens on the
/// forwarded ports of the testbed's host address and relays each connection and datagram to the guest.</summary>
public sealed class LinuxUserNetFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxUserNet";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Guest, "QEMU", "#393b79",
        "the Linux guest on QEMU's user-mode networking (slirp, `hostfwd`), userspace virtio-net",
        "forwarded ports on the host's cable address (netserver 12865, data port 50001 TCP and UDP, memcached 11211)",
        "a guest without a tap: every connection relayed by slirp inside QEMU, which counts in QEMU's CPU",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lu";

    /// <inheritdoc />
    protected override bool Vhost => false;

    /// <inheritdoc />
    protected override bool Offload => true;

    /// <inheritdoc />
    protected override Task<NicForwarder?> ForwarderAsync(Testbed testbed, CancellationToken cancellationToken) =>
        Task.FromResult<NicForwarder?>(new UserNetwork(testbed.HostAddress.ToString()));

    /// <summary>QEMU's <c>-netdev user</c>: the guest's network inside QEMU, each port forwarded from the host address
    /// only to the guest's address (slirp's default target is its first DHCP address, .15); restrict stays off (on, slirp
    /// drops the guest's UDP replies).</summary>
    private sealed class UserNetwork(string hostAddress) : NicForwarder
    {
        public override string Netdev =>
            $"user,id=net0,ipv6=off,net={InsideNetwork},host={Gateway},dns=198.18.254.3"
            + string.Concat(TcpPorts.Select(p => Forward("tcp", p))) + string.Concat(UdpPorts.Select(p => Forward("udp", p)));

        public override string Description => "QEMU user-mode networking (slirp)";

        private string Forward(string protocol, int port) =>
            string.Create(CultureInfo.InvariantCulture, $",hostfwd={protocol}:{hostAddress}:{port}-{GuestAddress}:{port}");
    }
}
