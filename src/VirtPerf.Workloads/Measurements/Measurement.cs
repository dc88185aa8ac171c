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

    /// <summary>What makes this measurement unfit to judge with, each naming its JSON path under <paramref name="at"/>
    /// and the value: a schema version this build does not read, no iterations, no figure of the scenario's headline
    /// metric, an iteration that lacks a throughput, rate or latency the first carries, a figure that is negative or not finite; for <paramref name="yardstick"/> (bare metal, which
    /// overheads divide by) a <see cref="Metrics.Positive"/> figure of 0.</summary>
    public IEnumerable<string> Problems(string at, bool yardstick)
    {
        if (SchemaVersion != CurrentSchemaVersion)
        {
            yield return $"{at}.schemaVersion is {SchemaVersion}; this build reads version {CurrentSchemaVersion}";
            yield break;
        }

        if (Iterations.Count == 0)
        {
            yield return $"{at}.iterations is empty";
            yield break;
        }

        var headline = Scenarios.HeadlineMetric(Scenario);
        if (!Iterations[0].Metrics.ContainsKey(headline))
        {
            yield return $"{at}.iterations[0].metrics has no {headline}, the figure {Scenario} is judged on";
        }

        var metrics = Iterations[0].Metrics.Keys.Where(Metrics.Positive).ToHashSet();
        foreach (var (iteration, i) in Iterations.Select((iteration, i) => (iteration, i)))
        {
            if (metrics.Except(iteration.Metrics.Keys).ToList() is { Count: > 0 } lacking)
            {
                yield return $"{at}.iterations[{i}] lacks {string.Join(", ", lacking)}, which iteration 0 has";
            }

            foreach (var (metric, value) in iteration.Metrics)
            {
                var why = !double.IsFinite(value) || value < 0 ? "figures are finite and 0 or more"
                    : yardstick && value == 0 && Metrics.Positive(metric) ? "bare metal's figure is what overheads divide by: 0 is no measurement"
                    : null;
                if (why is not null)
                {
                    yield return $"{at}.iterations[{i}].metrics.{metric} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({why})";
                }
            }
        }
    }

    /// <summary>One metric's value from each iteration, in order.</summary>
    public IReadOnlyList<double> Values(Metric metric) => Iterations.Select(i => i.Metrics[metric]).ToList();

    /// <summary>True when an iteration has a figure of 0 of <paramref name="metric"/>, one that overheads divide by
    /// (<see cref="Metrics.Positive"/>): a capacity search that met the SLO at no rate. Such a figure has no log, so
    /// no ratio to it, or change of one, means anything; a bare metal with one is no yardstick.</summary>
    public bool HasZero(Metric metric) =>
        Metrics.Positive(metric) && MetricsMeasured.Contains(metric) && Values(metric).Contains(0);
}
