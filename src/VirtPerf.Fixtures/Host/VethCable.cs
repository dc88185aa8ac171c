using System.Net;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// A network namespace joined to this host by a veth pair, the study's back-to-back cable: the host end and its
/// address here, the other end and its address in the namespace (one /24), loopback up, and the namespace's default
/// route via the host, so whatever sits behind the host (containers, guests, other namespaces) is reachable too.
/// </summary>
internal static class VethCable
{
    /// <summary>Builds the namespace and its cable with ip(8), then runs <paramref name="more"/> ip steps.</summary>
    public static async Task BuildAsync(
        string networkNamespace, string hostLink, IPAddress hostAddress, string peerLink, IPAddress peerAddress,
        CancellationToken cancellationToken, params string[][] more)
    {
        string[][] steps =
        [
            ["netns", "add", networkNamespace],
            ["link", "add", hostLink, "type", "veth", "peer", "name", peerLink, "netns", networkNamespace],
            ["addr", "add", $"{hostAddress}/24", "dev", hostLink],
            ["link", "set", hostLink, "up"],
            ["-n", networkNamespace, "addr", "add", $"{peerAddress}/24", "dev", peerLink],
            ["-n", networkNamespace, "link", "set", peerLink, "up"],
            ["-n", networkNamespace, "link", "set", "lo", "up"],
            ["-n", networkNamespace, "route", "add", "default", "via", hostAddress.ToString()],
            .. more,
        ];
        foreach (var step in steps)
        {
            await Tool.RunAsync("ip", step, cancellationToken);
        }
    }
}
