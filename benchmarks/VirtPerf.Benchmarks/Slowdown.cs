using System.Globalization;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;

namespace VirtPerf.Benchmarks;

/// <summary>
/// A real slowdown of the calibration's technique side: a CFS CPU quota on its netserver and memcached for
/// request/response scenarios, or, for streams, a <see cref="DataPortShaper"/> on its data port alone. The quota is a
/// run cgroup and the shaper lives on the run's cable: both go on dispose or with the run.
/// </summary>
internal sealed class Slowdown(string description, IAsyncDisposable slowing) : IAsyncDisposable
{
    /// <summary>What slows the side, in words.</summary>
    public string Description { get; } = description;

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

    /// <summary>At most <paramref name="mbits"/> Mbit/s for <paramref name="scenario"/>'s data on <paramref name="dataPort"/>.</summary>
    public static async Task<Slowdown> RateAsync(LocalTestbed testbed, Scenario scenario, int dataPort, double mbits)
    {
        // The client sends in TCP_STREAM and UDP_STREAM; the SUT in TCP_MAERTS.
        var shaper = await DataPortShaper.LimitAsync(testbed, dataPort, mbits, sutSends: scenario == Scenario.TCP_MAERTS);
        return new Slowdown(shaper.Description, shaper);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => slowing.DisposeAsync();
}
