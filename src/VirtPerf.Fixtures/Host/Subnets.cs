using System.Globalization;
using System.Text.Json;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// Picks /24 subnets inside RFC 2544's benchmarking block 198.18.0.0/15 that no interface of this host uses:
/// 198.19.N.0/24 for testbed cables, 198.18.N.0/24 for SUT networks (Docker, guest bridges). Call it under the
/// run registry's lock and create the interface before releasing it (the lock is this machine's: two clients sharing
/// a remote SUT host are not kept apart).
/// </summary>
public static class Subnets
{
    /// <summary>Second octet of testbed cable subnets.</summary>
    public const int Cables = 19;

    /// <summary>Second octet of SUT networks behind the host.</summary>
    public const int SutNetworks = 18;

    /// <summary>N of the first 198.<paramref name="secondOctet"/>.N.0/24 with no address on any interface of this host
    /// nor of <paramref name="sutHost"/> (a remote SUT host whose networks this host routes to), and no route here.</summary>
    public static async Task<int> FreeAsync(int secondOctet, CancellationToken cancellationToken = default, SutHost? sutHost = null)
    {
        var used = new HashSet<int>();
        foreach (var host in new SutHost[] { LocalSutHost.Instance, sutHost ?? LocalSutHost.Instance }.Distinct())
        {
            var addresses = await host.RunAsync("ip", ["-j", "-4", "addr", "show"], cancellationToken);
            used.UnionWith(Used(addresses.StandardOutput, secondOctet, link => link.GetProperty("addr_info").EnumerateArray().Select(a => a.GetProperty("local").GetString()!)));
        }

        var routes = await Tool.RunAsync("ip", ["-j", "-4", "route", "show"], cancellationToken);
        used.UnionWith(Used(routes.StandardOutput, secondOctet, route => [route.GetProperty("dst").GetString()!]));
        return Enumerable.Range(0, 250).FirstOrDefault(n => !used.Contains(n), -1) is var free and >= 0
            ? free
            : throw new InvalidOperationException($"No free 198.{secondOctet}.N.0/24 subnet left: are 250 runs alive?");
    }

    /// <summary>The third octets of the 198.<paramref name="secondOctet"/>.N addresses <paramref name="addressesOf"/>
    /// finds in each element of the JSON array <paramref name="json"/> (ip -j output).</summary>
    private static IEnumerable<int> Used(string json, int secondOctet, Func<JsonElement, IEnumerable<string>> addressesOf)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var found = new List<int>();
        foreach (var parts in document.RootElement.EnumerateArray().SelectMany(addressesOf).Select(a => a.Split('.', '/')))
        {
            if (parts.Length >= 3 && parts[0] == "198" && parts[1] == secondOctet.ToString(CultureInfo.InvariantCulture))
            {
                found.Add(int.Parse(parts[2], CultureInfo.InvariantCulture));
            }
        }

        return found;
    }
}
