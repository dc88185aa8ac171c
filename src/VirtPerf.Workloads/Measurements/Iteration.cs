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

    /// <summary>The points a capacity search measured in this iteration, in order (null for other scenarios): what
    /// the report's latency-vs-load plot draws.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LoadPoint>? Points { get; init; }
}

/// <summary>One point of a capacity search: the rate offered, the rate served, and latency percentiles in
/// microseconds from the intended send times (the closed loop's peak: offered 0, from send times).</summary>
public sealed record LoadPoint(double Offered, double Served, double P50, double P99);
