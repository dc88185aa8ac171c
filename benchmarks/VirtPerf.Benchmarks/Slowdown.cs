using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;

namespace VirtPerf.Benchmarks;

/// <summary>
/// A real slowdown of the calibration's technique side (there is no netem here): a CFS CPU quota on its netserver and
/// memcached for request/response scenarios, or, for streams, an HTB rate limit (a token bucket) on its data port
/// alone, on the link the data leaves by (tc-htb(8), tc-u32(8)). The shaper lives on the run's own cable and goes
/// with it; the quota is a run cgroup, removed on dispose or by the next start.
/// </summary>
internal sealed class Slowdown : IAsyncDisposable
{
    private readonly CpuQuota? _quota;
    private readonly (string? Namespace, string Link)? _shaped;

    private Slowdown(string description, CpuQuota? quota, (string?, string)? shaped)
    {
        Description = description;
        _quota = quota;
        _shaped = shaped;
    }

    /// <summary>What slows the side, in words.</summary>
    public string Description { get; }

    /// <summary>A CPU quota of <paramref name="cpus"/> on <paramref name="processIds"/> and their children.</summary>
    public static Slowdown Quota(string runId, IReadOnlyList<int> processIds, double cpus)
    {
        var quota = CpuQuota.Create(runId, "slow", cpus);
        foreach (var pid in processIds)
        {
            quota.AddProcessTree(pid);
        }

        return new Slowdown(string.Create(CultureInfo.InvariantCulture, $"CPU quota {cpus:0.##} CPUs on the servers"), quota, null);
    }

    /// <summary>At most <paramref name="mbits"/> Mbit/s for <paramref name="scenario"/>'s data on <paramref name="dataPort"/>.</summary>
    public static async Task<Slowdown> RateAsync(LocalTestbed testbed, Scenario scenario, int dataPort, double mbits)
    {
        // The client sends in TCP_STREAM and UDP_STREAM (shape its end, by destination port); the SUT in TCP_MAERTS.
        var (ns, link, match) = scenario == Scenario.TCP_MAERTS
            ? ((string?)null, testbed.HostLink, "sport")
            : (testbed.ClientNamespace, testbed.ClientLink, "dport");
        var rate = string.Create(CultureInfo.InvariantCulture, $"{mbits:0}mbit");
        await Tc(ns, ["qdisc", "add", "dev", link, "root", "handle", "1:", "htb", "default", "20"]);
        await Tc(ns, ["class", "add", "dev", link, "parent", "1:", "classid", "1:10", "htb", "rate", rate, "ceil", rate]);
        await Tc(ns, ["class", "add", "dev", link, "parent", "1:", "classid", "1:20", "htb", "rate", "100gbit"]);
        await Tc(ns, ["filter", "add", "dev", link, "parent", "1:", "protocol", "ip", "u32",
            "match", "ip", match, dataPort.ToString(CultureInfo.InvariantCulture), "0xffff", "flowid", "1:10"]);
        return new Slowdown($"HTB rate limit {rate} on data port {dataPort} ({link})", null, (ns, link));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_quota is not null)
        {
            await _quota.DisposeAsync();
        }

        if (_shaped is { } shaped)
        {
            await Tc(shaped.Namespace, ["qdisc", "del", "dev", shaped.Link, "root"]);
        }
    }

    private static Task<ToolResult> Tc(string? ns, IReadOnlyList<string> arguments) =>
        ns is null ? Tool.RunAsync("tc", arguments) : Tool.RunAsync("ip", ["netns", "exec", ns, "tc", .. arguments]);
}
