namespace VirtPerf.Workloads.Measurements;

/// <summary>The samples of one scenario on one technique, with everything needed to judge and compare them.</summary>
public sealed record Measurement
{
    /// <summary>Version of this record's JSON form; readers refuse versions they do not know.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The JSON form's version, <see cref="CurrentSchemaVersion"/> when written by this build.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The technique's trait value, e.g. <c>BareMetal</c>.</summary>
    public required string Technique { get; init; }

    /// <summary>The scenario measured.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The run this measurement belongs to (also in every host resource name of that run).</summary>
    public required string RunId { get; init; }

    /// <summary>The testbed the numbers were taken on.</summary>
    public required TestbedFingerprint Testbed { get; init; }

    /// <summary>The profile the iterations followed.</summary>
    public required Profile Profile { get; init; }

    /// <summary>When the first measured iteration (after warm-up) started.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>When the last iteration ended.</summary>
    public required DateTimeOffset Finished { get; init; }

    /// <summary>Every measured iteration, in order.</summary>
    public required IReadOnlyList<Iteration> Iterations { get; init; }

    /// <summary>Further facts of the run: host name, accelerator, the workload's command line, offload state.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();

    /// <summary>The metrics every iteration carries, in enum order.</summary>
    public IReadOnlyList<Metric> MetricsMeasured =>
        Enum.GetValues<Metric>().Where(m => Iterations.Count > 0 && Iterations.All(i => i.Metrics.ContainsKey(m))).ToList();

    /// <summary>One metric's value from each iteration, in order.</summary>
    public IReadOnlyList<double> Values(Metric metric) => Iterations.Select(i => i.Metrics[metric]).ToList();
}
