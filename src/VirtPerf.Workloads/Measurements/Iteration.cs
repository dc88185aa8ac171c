namespace VirtPerf.Workloads.Measurements;

/// <summary>The figures of one measured iteration (warm-up is never stored).</summary>
/// <param name="Index">Zero-based position among the measured iterations.</param>
/// <param name="Started">When the iteration began.</param>
/// <param name="ElapsedSeconds">How long the workload tool says the iteration ran.</param>
/// <param name="Metrics">Each metric the scenario measures, in the unit <see cref="Measurements.Metrics.Unit"/> names.</param>
public sealed record Iteration(
    int Index,
    DateTimeOffset Started,
    double ElapsedSeconds,
    IReadOnlyDictionary<Metric, double> Metrics)
{
    /// <summary>Every request's latency in nanoseconds, where the workload records them (memcached's generator; netperf
    /// gives percentiles only). Kept beside the results in HdrHistogram's log format (<see cref="LatencyLog"/>), not in
    /// the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public HdrHistogram.HistogramBase? Latencies { get; init; }
}
