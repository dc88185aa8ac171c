using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// A guest's side of the testbed: a Linux bridge with 198.18.N.1/24 on the host and a tap for the guest's NIC on
/// it; the client reaches the guest (198.18.N.2) routed through the host, and the guest answers via the bridge.
/// </summary>
public sealed class GuestNetwork : IAsyncDisposable
{
    private readonly string _firewall;

    private GuestNetwork(string bridge, string tap, string firewall, int subnet)
    {
        Bridge = bridge;
        Tap = tap;
        _firewall = firewall;
        Subnet = subnet;
    }

    /// <summary>The bridge.</summary>
    public string Bridge { get; }

    /// <summary>The tap the guest's NIC uses.</summary>
    public string Tap { get; }

    /// <summary>N of 198.18.N.0/24.</summary>
    public int Subnet { get; }

    /// <summary>The host's address on the bridge: the guest's gateway.</summary>
    public IPAddress Gateway => IPAddress.Parse($"198.18.{Subnet}.1");

    /// <summary>The guest's address.</summary>
    public IPAddress GuestAddress => IPAddress.Parse($"198.18.{Subnet}.2");

    /// <summary>Creates the bridge and tap of <paramref name="role"/> (two or three letters) for the run's testbed.</summary>
    public static async Task<GuestNetwork> CreateAsync(
        string runId, string role, LocalTestbed testbed, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        using var hostLock = await registry.LockAsync(cancellationToken);
        var network = new GuestNetwork(
            ResourceNames.For(runId, role + "b"), ResourceNames.For(runId, role + "t"), ResourceNames.For(runId, role + "f"),
            await Subnets.FreeAsync(Subnets.SutNetworks, cancellationToken));
        try
        {
            string[][] steps =
            [
                ["link", "add", network.Bridge, "type", "bridge"],
                ["addr", "add", $"{network.Gateway}/24", "dev", network.Bridge],
                ["link", "set", network.Bridge, "up"],
                ["tuntap", "add", "dev", network.Tap, "mode", "tap"],
                ["link", "set", network.Tap, "master", network.Bridge],
                ["link", "set", network.Tap, "up"],
            ];
            foreach (var step in steps)
            {
                await Tool.RunAsync("ip", step, cancellationToken);
            }

            await IptablesRules.DockerUser.AcceptForwardingAsync(network._firewall, testbed.HostLink, cancellationToken);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes the tap, the bridge and the forwarding rules.</summary>
    public async ValueTask DisposeAsync()
    {
        await IpResources.Links.RemoveAsync(Tap, CancellationToken.None);
        await IpResources.Links.RemoveAsync(Bridge, CancellationToken.None);
        await IptablesRules.DockerUser.RemoveAsync(_firewall, CancellationToken.None);
    }
}
