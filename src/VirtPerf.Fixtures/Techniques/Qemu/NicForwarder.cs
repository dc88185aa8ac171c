using System.Net;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// A guest NIC behind a forwarder on the SUT host instead of a tap on a bridge: QEMU's user-mode networking or passt.
/// The guest lives in a network of its own inside the forwarder (<see cref="InsideNetwork"/>, on no host link); the client reaches the
/// forwarded ports on the testbed's host address, netperf's data port fixed so it can be forwarded too.
/// </summary>
public abstract class NicForwarder : IAsyncDisposable
{
    /// <summary>The netperf data port forwarded beside the control port (netperf <c>-- -P ,port</c>), TCP and UDP.</summary>
    public const int NetperfDataPort = 50001;

    /// <summary>The guest's own network inside the forwarder (no host link has it).</summary>
    public static IPNetwork InsideNetwork { get; } = IPNetwork.Parse("198.18.254.0/24");

    /// <summary>The guest's address in <see cref="InsideNetwork"/>.</summary>
    public static IPAddress GuestAddress { get; } = IPAddress.Parse("198.18.254.2");

    /// <summary>The forwarder's address in <see cref="InsideNetwork"/>: the guest's gateway.</summary>
    public static IPAddress Gateway { get; } = IPAddress.Parse("198.18.254.1");

    /// <summary>The forwarded TCP ports: netserver's, the data port and memcached's.</summary>
    public static IReadOnlyList<int> TcpPorts { get; } = [Netserver.DefaultPort, NetperfDataPort, MemcachedServer.DefaultPort];

    /// <summary>The forwarded UDP port: netperf's data port.</summary>
    public static IReadOnlyList<int> UdpPorts { get; } = [NetperfDataPort];

    /// <summary>QEMU's <c>-netdev</c> for the NIC, with <c>id=net0</c>.</summary>
    public abstract string Netdev { get; }

    /// <summary>eth0's MTU in the guest when not 1500.</summary>
    public virtual int? Mtu => null;

    /// <summary>The CPU seconds of the forwarder's own processes (0 for one inside QEMU).</summary>
    public virtual double CpuSeconds() => 0;

    /// <summary>What the forwarder is, for results.</summary>
    public abstract string Description { get; }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
