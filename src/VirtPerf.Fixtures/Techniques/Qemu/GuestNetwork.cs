using System.Net;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// A guest's side of the testbed: a Linux bridge with 198.18.N.1/24 on the SUT host and a tap for the guest's NIC on
/// it; the client reaches the guest (198.18.N.2) routed through the SUT host, and the guest answers via the bridge.
/// On a remote SUT host the links and the forwarding rules are made there over SSH.
/// </summary>
public sealed class GuestNetwork : IAsyncDisposable
{
    private readonly string _firewallComment;
    private readonly SutHost _host;
    private readonly IptablesRules _firewall;

    private GuestNetwork(string bridge, string tap, string firewallComment, int subnet, SutHost host)
    {
        Bridge = bridge;
        Tap = tap;
        _firewallComment = firewallComment;
        Subnet = subnet;
        _host = host;
        _firewall = new IptablesRules(host);
    }

    /// <summary>The bridge.</summary>
    public string Bridge { get; }

    /// <summary>The tap the guest's NIC uses.</summary>
    public string Tap { get; }

    /// <summary>N of 198.18.N.0/24.</summary>
    public int Subnet { get; }

    /// <summary>198.18.N.0/24.</summary>
    public IPNetwork Network => IPNetwork.Parse($"198.18.{Subnet}.0/24");

    /// <summary>The host's address on the bridge: the guest's gateway.</summary>
    public IPAddress Gateway => IPAddress.Parse($"198.18.{Subnet}.1");

    /// <summary>The guest's address.</summary>
    public IPAddress GuestAddress => IPAddress.Parse($"198.18.{Subnet}.2");

    /// <summary>Creates the bridge and tap of <paramref name="role"/> (two or three letters) on the run's SUT host, in a
    /// subnet free on both hosts. Call it under the run registry's lock (<see cref="Subnets"/>).</summary>
    public static async Task<GuestNetwork> CreateAsync(string runId, string role, Testbed testbed, CancellationToken cancellationToken = default)
    {
        var network = new GuestNetwork(
            ResourceNames.For(runId, role + "b"), ResourceNames.For(runId, role + "t"), ResourceNames.For(runId, role + "f"),
            await Subnets.FreeAsync(Subnets.SutNetworks, cancellationToken, testbed.Sut), testbed.Sut);
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
                await testbed.Sut.RunAsync("ip", step, cancellationToken);
            }

            await network._firewall.AcceptForwardingAsync(network._firewallComment, testbed.SutLink, cancellationToken);
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
        var links = IpResources.LinksOn(_host);
        await links.RemoveAsync(Tap, CancellationToken.None);
        await links.RemoveAsync(Bridge, CancellationToken.None);
        await _firewall.RemoveAsync(_firewallComment, CancellationToken.None);
    }
}
