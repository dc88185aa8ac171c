using System.Globalization;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>
/// A real, deterministic slowdown of one data port (there is no netem here): an HTB rate limit, a token bucket, on the
/// link the data leaves by, matched by port (tc-htb(8), tc-u32(8)); everything else passes at link speed. It lives on
/// the run's own cable and goes with it; dispose removes it earlier.
/// </summary>
public sealed class DataPortShaper : IAsyncDisposable
{
    private readonly string? _namespace;
    private readonly string _link;

    private DataPortShaper(string? ns, string link, string description)
    {
        (_namespace, _link, Description) = (ns, link, description);
    }

    /// <summary>What is shaped, in words.</summary>
    public string Description { get; }

    /// <summary>
    /// At most <paramref name="mbits"/> Mbit/s for the data on <paramref name="dataPort"/> in one direction: what the
    /// SUT sends when <paramref name="sutSends"/> (shaped on the host's end of the cable), else what the client sends.
    /// </summary>
    public static async Task<DataPortShaper> LimitAsync(LocalTestbed testbed, int dataPort, double mbits, bool sutSends)
    {
        var (ns, link, match) = sutSends
            ? ((string?)null, testbed.HostLink, "sport")
            : (testbed.ClientNamespace, testbed.ClientLink, "dport");
        var rate = string.Create(CultureInfo.InvariantCulture, $"{mbits:0.###}mbit");
        await Tc(ns, ["qdisc", "add", "dev", link, "root", "handle", "1:", "htb", "default", "20"]);
        await Tc(ns, ["class", "add", "dev", link, "parent", "1:", "classid", "1:10", "htb", "rate", rate, "ceil", rate]);
        await Tc(ns, ["class", "add", "dev", link, "parent", "1:", "classid", "1:20", "htb", "rate", "100gbit"]);
        await Tc(ns, ["filter", "add", "dev", link, "parent", "1:", "protocol", "ip", "u32",
            "match", "ip", match, dataPort.ToString(CultureInfo.InvariantCulture), "0xffff", "flowid", "1:10"]);
        return new DataPortShaper(ns, link, $"HTB rate limit {rate} on data port {dataPort} ({link})");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Tc(_namespace, ["qdisc", "del", "dev", _link, "root"]);

    private static Task<ToolResult> Tc(string? ns, IReadOnlyList<string> arguments) =>
        ns is null ? Tool.RunAsync("tc", arguments) : Tool.RunAsync("ip", ["netns", "exec", ns, "tc", .. arguments]);
}
