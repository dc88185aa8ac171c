using System.Globalization;
using System.Text.Json;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// Picks /24 subnets inside RFC 2544's benchmarking block 198.18.0.0/15 that no interface of this host uses:
/// 198.19.N.0/24 for testbed cables, 198.18.N.0/24 for SUT networks (Docker, guest bridges). Call it under the
/// run registry's lock and create the interface before releasing it.
/// </summary>
public static class Subnets
{
    /// <summary>Second octet of testbed cable subnets.</summary>
    public const int Cables = 19;

    /// <summary>Second octet of SUT networks behind the host.</summary>
    public const int SutNetworks = 18;

    /// <summary>N of the first 198.<paramref name="secondOctet"/>.N.0/24 with no address on any interface.</summary>
    public static async Task<int> FreeAsync(int secondOctet, CancellationToken cancellationToken = default)
    {
        var run = await Tool.RunAsync("ip", ["-j", "-4", "addr", "show"], cancellationToken);
        var used = new HashSet<int>();
        using (var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(run.StandardOutput) ? "[]" : run.StandardOutput))
        {
            foreach (var link in document.RootElement.EnumerateArray())
            {
                foreach (var address in link.GetProperty("addr_info").EnumerateArray())
                {
                    var parts = address.GetProperty("local").GetString()!.Split('.');
                    if (parts[0] == "198" && parts[1] == secondOctet.ToString(CultureInfo.InvariantCulture))
                    {
                        used.Add(int.Parse(parts[2], CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        return Enumerable.Range(0, 250).FirstOrDefault(n => !used.Contains(n), -1) is var free and >= 0
            ? free
            : throw new InvalidOperationException($"No free 198.{secondOctet}.N.0/24 subnet left: are 250 runs alive?");
    }
}
