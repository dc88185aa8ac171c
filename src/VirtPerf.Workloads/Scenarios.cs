namespace VirtPerf.Workloads;

/// <summary>Facts about each <see cref="Scenario"/>: its suite and whether it measures latency or throughput.</summary>
public static class Scenarios
{
    /// <summary>The study's netperf scenarios, in the order of thesis Table 5.</summary>
    public static IReadOnlyList<Scenario> Netperf { get; } =
        [Scenario.TCP_STREAM, Scenario.TCP_MAERTS, Scenario.TCP_RR, Scenario.TCP_CRR, Scenario.UDP_STREAM, Scenario.UDP_RR];

    /// <summary>The study's memcached scenarios, in the order of thesis Table 6.</summary>
    public static IReadOnlyList<Scenario> Memcached { get; } =
        [Scenario.MemcachedUpdate, Scenario.MemcachedRead, Scenario.MemcachedMixed];

    /// <summary>The capacity scenarios: memcached's highest rate at a latency SLO.</summary>
    public static IReadOnlyList<Scenario> Capacity { get; } = [Scenario.MemcachedCapacity];

    /// <summary>The suite a scenario belongs to (its <c>Suite</c> trait).</summary>
    public static Suite SuiteOf(Scenario scenario) => scenario switch
    {
        _ when Netperf.Contains(scenario) => Suite.Netperf,
        _ when Memcached.Contains(scenario) => Suite.Memcached,
        _ when Capacity.Contains(scenario) => Suite.Capacity,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>The one figure a summary shows and the calibration checks per scenario: median latency for
    /// request/response and memcached scenarios, throughput for stream scenarios, capacity for capacity scenarios.</summary>
    public static Measurements.Metric HeadlineMetric(Scenario scenario) =>
        IsRequestResponse(scenario) ? Measurements.Metric.LatencyP50
        : Capacity.Contains(scenario) ? Measurements.Metric.Capacity
        : Measurements.Metric.Throughput;

    /// <summary>True for request/response scenarios, whose figures are latency and transaction rate (every
    /// memcached scenario is one).</summary>
    public static bool IsRequestResponse(Scenario scenario) =>
        scenario is Scenario.TCP_RR or Scenario.TCP_CRR or Scenario.UDP_RR || Memcached.Contains(scenario);
}
