using System.Globalization;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>
/// A real slowdown of the calibration's technique side: a <see cref="DataPortShaper"/> on its data port alone for the
/// TCP streams and for TCP_RR and UDP_RR (one request frame per transaction, so a rate limit caps the transaction
/// rate), or a CFS CPU quota: on its netserver and memcached for TCP_CRR and memcached, on its load generator for
/// UDP_STREAM. The quota is a run cgroup and the shaper lives on the run's cable: both go on dispose or with the run.
/// </summary>
internal sealed class Slowdown(
    string description, IAsyncDisposable slowing, Func<ClientHost, ClientHost>? client = null, RateCap? cap = null) : IAsyncDisposable
{
    /// <summary>What slows the side, in words.</summary>
    public string Description { get; } = description;

    /// <summary>What a rate limit lets through, or null for other slowdowns. A cap costs the side only what it would do
    /// above it, so what it costs a gate follows the host's own rate at the time (bare metal's, measured beside it), not
    /// the long run's true size.</summary>
    public RateCap? Cap { get; } = cap;

    /// <summary>The client the slowed side's load runs on, given the one bare metal's runs on; null when it is that one.</summary>
    public ClientHost? SlowedClient(ClientHost bareMetals) => client?.Invoke(bareMetals);

    /// <summary>A CPU quota of <paramref name="cpus"/> on <paramref name="processIds"/> and their children.</summary>
    public static Slowdown Quota(string runId, IReadOnlyList<int> processIds, double cpus)
    {
        var quota = CpuQuota.Create(runId, "slow", cpus);
        foreach (var pid in processIds)
        {
            quota.AddProcessTree(pid);
        }

        return new Slowdown(string.Create(CultureInfo.InvariantCulture, $"CPU quota {cpus:0.##} CPUs on the servers"), quota);
    }

    /// <summary>A CPU quota of <paramref name="cpus"/> on the side's load generator, started inside it at each run: for
    /// UDP_STREAM, bound here by its sender (netperf and the stack under it use a whole CPU; the receiving netserver used
    /// under 0.4 CPUs for 7.5 Gbit/s), where a limit below the stream's rate costs it only what it would send above the
    /// limit, nothing once the stream drifts under it.</summary>
    public static Slowdown SenderQuota(string runId, double cpus)
    {
        var quota = CpuQuota.Create(runId, "slow", cpus);
        return new Slowdown(
            string.Create(CultureInfo.InvariantCulture, $"CPU quota {cpus:0.##} CPUs on the load generator"), quota,
            bare => bare.StartingIn(Path.Combine(quota.Directory, "cgroup.procs")));
    }

    /// <summary>At most <paramref name="mbits"/> Mbit/s for <paramref name="scenario"/>'s data on <paramref name="dataPort"/>.</summary>
    public static async Task<Slowdown> RateAsync(LocalTestbed testbed, Scenario scenario, int dataPort, double mbits, RateCap? cap = null)
    {
        // The client sends in TCP_STREAM and UDP_STREAM; the SUT in TCP_MAERTS.
        var shaper = await DataPortShaper.LimitAsync(testbed, dataPort, mbits, sutSends: scenario == Scenario.TCP_MAERTS);
        return new Slowdown(shaper.Description, shaper, cap: cap ?? new RateCap(Metric.Throughput, mbits));
    }

    /// <summary>At most <paramref name="transactions"/> per second for TCP_RR or UDP_RR on <paramref name="dataPort"/>:
    /// a limit on the client's requests, one 1-byte frame each (Ethernet, IP, and TCP with timestamps or UDP).</summary>
    public static Task<Slowdown> TransactionRateAsync(LocalTestbed testbed, Scenario scenario, int dataPort, double transactions)
    {
        var frameBytes = scenario switch
        {
            Scenario.TCP_RR => 14 + 20 + 32 + 1,
            Scenario.UDP_RR => 14 + 20 + 8 + 1,
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "one request frame per transaction: TCP_RR or UDP_RR"),
        };
        return RateAsync(testbed, scenario, dataPort, transactions * frameBytes * 8 / 1e6, new RateCap(Metric.TransactionRate, transactions));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => slowing.DisposeAsync();
}
