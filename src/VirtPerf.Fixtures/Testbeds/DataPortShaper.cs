using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>
/// A real, deterministic slowdown of one data port (there is no netem here): an HTB rate limit, a token bucket, on the
/// link the data leaves by (tc-htb(8)); everything else passes at link speed. The sender's own stack puts the data in
/// the limited class (iptables' CLASSIFY in mangle POSTROUTING, matched by port), which HTB reads before any filter: a
/// tc filter on the port would miss most of UDP_STREAM's 65,507-byte datagrams, which leave the 1500-byte link as IP
/// fragments of which only the first carries a port, while every fragment inherits the class (this kernel has neither
/// tc's fw nor its mark match). The shaping lives on the run's own cable and the rule in the client's namespace or,
/// named with the run id, in the host's mangle table; dispose removes both earlier.
/// </summary>
public sealed class DataPortShaper : IAsyncDisposable
{
    /// <summary>The limited class; only ever set on packets leaving the run's own link.</summary>
    private const string LimitedClass = "1:10";

    private readonly string? _namespace;
    private readonly string _link;
    private readonly string _rule;

    private DataPortShaper(string? ns, string link, string rule, string description)
    {
        (_namespace, _link, _rule, Description) = (ns, link, rule, description);
    }

    /// <summary>The host's rules that put data in a shaper's class, listed and removed by comment.</summary>
    public static IptablesRules HostClassifiers { get; } = new(LocalSutHost.Instance, "mangle", "POSTROUTING", "traffic class rule");

    /// <summary>What is shaped, in words.</summary>
    public string Description { get; }

    /// <summary>
    /// At most <paramref name="mbits"/> Mbit/s for the TCP and UDP data on <paramref name="dataPort"/> in one direction:
    /// what the SUT sends when <paramref name="sutSends"/> (shaped on the host's end of the cable), else what the client
    /// sends.
    /// </summary>
    public static async Task<DataPortShaper> LimitAsync(LocalTestbed testbed, int dataPort, double mbits, bool sutSends)
    {
        var (ns, link, match) = sutSends
            ? ((string?)null, testbed.HostLink, "--sport")
            : (testbed.ClientNamespace, testbed.ClientLink, "--dport");
        var rule = ResourceNames.For(testbed.RunId, "shap");
        var rate = string.Create(CultureInfo.InvariantCulture, $"{mbits:0.###}mbit");

        // tc's default bucket (rate / HZ + MTU) wraps to 0 bytes at multi-Gbit/s rates (tc -d shows "burst 0b"), and the
        // class then sends far below its rate: a limit at 90% of UDP_STREAM's throughput cost it 86%. A millisecond at
        // the rate, never under tc's 1600 bytes at low rates, keeps a limit at its rate (96-97% of it, UDP_STREAM).
        var burst = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1600, mbits * 1e6 / 8 / 1000):0}");
        var shaper = new DataPortShaper(ns, link, rule, $"HTB rate limit {rate} on data port {dataPort} ({link})");
        try
        {
            await Tc(ns, ["qdisc", "add", "dev", link, "root", "handle", "1:", "htb", "default", "20"]);
            await Tc(ns, ["class", "add", "dev", link, "parent", "1:", "classid", LimitedClass, "htb", "rate", rate, "ceil", rate, "burst", burst, "cburst", burst]);
            await Tc(ns, ["class", "add", "dev", link, "parent", "1:", "classid", "1:20", "htb", "rate", "100gbit"]);
            foreach (var protocol in new[] { "tcp", "udp" })
            {
                await In(ns, "iptables", [
                    "-w", "-t", "mangle", "-A", "POSTROUTING", "-o", link, "-p", protocol, match, dataPort.ToString(CultureInfo.InvariantCulture),
                    "-m", "comment", "--comment", rule, "-j", "CLASSIFY", "--set-class", LimitedClass]);
            }
        }
        catch
        {
            await shaper.DisposeAsync();
            throw;
        }

        return shaper;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_namespace is null)
        {
            await HostClassifiers.RemoveAsync(_rule, CancellationToken.None);
        }

        // In the client's namespace the rule goes with the namespace; a half-made shaper may have no qdisc yet.
        await Tc(_namespace, ["qdisc", "del", "dev", _link, "root"], allowFailure: true);
    }

    private static Task<ToolResult> Tc(string? ns, IReadOnlyList<string> arguments, bool allowFailure = false) =>
        In(ns, "tc", arguments, allowFailure);

    private static Task<ToolResult> In(string? ns, string tool, IReadOnlyList<string> arguments, bool allowFailure = false) =>
        ns is null
            ? Tool.RunAsync(tool, arguments, allowFailure: allowFailure)
            : Tool.RunAsync("ip", ["netns", "exec", ns, tool, .. arguments], allowFailure: allowFailure);
}
