using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>Turns a technique's measurement and its reference into a <see cref="Verdict"/>: bare metal measured
/// alternately in the same row (paired, the default), a stored bare-metal baseline (the stored mode), or the
/// technique's accepted overhead (the regression gate).</summary>
public static class OverheadGate
{
    /// <summary>The budget gate's confidence.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>The regression gate's confidence: it runs on every CI run, so a false alarm must be rare (at most 1%
    /// of real A/A gates, benchmarks/calibration.sh), and the adaptive loop may look several times.</summary>
    public const double RegressionConfidence = 0.99;

    /// <summary>Judges a paired row: <paramref name="technique"/>'s iteration i against <paramref name="bare"/>'s
    /// iteration i, measured beside it, one log ratio per pair; each gated metric against its budget. Given the
    /// row's <paramref name="earlier"/> budget verdicts on this testbed (newest first), each interval also carries the
    /// wander of the overhead between runs (<see cref="WanderAcrossRuns"/>).</summary>
    public static Verdict AgainstBudget(
        Measurement technique, Measurement bare, OverheadBudgets budgets, double confidence = DefaultConfidence, string? note = null,
        IReadOnlyList<Verdict>? earlier = null) =>
        Judge("budget", technique, bare, budgets, m => budgets.For(technique.Technique, technique.Scenario, m),
            m => WanderAcrossRuns.Widen(
                m, OverheadIntervals.Paired(m, technique.Values(m), bare.Values(m), confidence),
                [.. (earlier ?? []).SelectMany(v => v.Metrics.Where(x => x.Metric == m).Select(x => x.Overhead))]),
            MetricVerdict.AgainstBudget,
            (note ?? "paired: bare metal measured alternately in the same row")
                + (earlier is { Count: > 0 } ? $"; intervals include the wander between this run and {earlier.Count} earlier run{(earlier.Count == 1 ? "" : "s")} of the row on this testbed" : ""));

    /// <summary>Judges <paramref name="technique"/> against a stored bare-metal <paramref name="baseline"/> taken at
    /// another time (the stored mode, for testbeds where bare metal cannot run beside the technique): drift between
    /// the two is not cancelled, only the serial correlation within each is accounted for.</summary>
    public static Verdict AgainstStoredBaseline(
        Measurement technique, Measurement baseline, OverheadBudgets budgets, double confidence = DefaultConfidence, string? note = null) =>
        Judge("budget", technique, baseline, budgets, m => budgets.For(technique.Technique, technique.Scenario, m),
            m => OverheadIntervals.Difference(
                m, OverheadIntervals.LogCosts(m, technique.Values(m)), OverheadIntervals.LogCosts(m, baseline.Values(m)), confidence),
            MetricVerdict.AgainstBudget,
            "stored baseline: bare metal recorded at another time" + (note is null ? "" : $"; {note}"));

    /// <summary>Judges a paired row's overhead against the technique's <paramref name="accepted"/> overhead: a
    /// metric regresses when its overhead got significantly worse and by more than the regression threshold. A metric
    /// with a figure of 0 on any side (<see cref="Measurement.HasZero"/>: a capacity search that met the SLO at no rate)
    /// is not compared, and the note says so: its log is the floor's, so a change of it would read as billions of
    /// percent either way; the budget verdict still judges today's overhead.</summary>
    public static Verdict AgainstAccepted(
        Measurement technique, Measurement bare, AcceptedOverhead accepted, OverheadBudgets budgets, double confidence = RegressionConfidence)
    {
        var zero = budgets.GatedMetrics
            .Where(m => new[] { technique, bare, accepted.Technique, accepted.BareMetal }.Any(side => side.HasZero(m)))
            .ToList();
        var note = $"against the overhead accepted {accepted.Recorded:yyyy-MM-dd HH:mm} UTC ({accepted.Technique.Iterations.Count} pairs)"
            + (zero.Count == 0 ? "" : $"; {string.Join(", ", zero)} not compared: a figure of 0 (nothing delivered, or a search that met the SLO at no rate) has no ratio to change by");
        return Judge("regression", technique, bare, budgets, _ => budgets.RegressionPercent,
            m => OverheadIntervals.Difference(
                m, OverheadIntervals.LogRatios(m, technique.Values(m), bare.Values(m)), accepted.LogRatios(m), confidence),
            MetricVerdict.AgainstAccepted, note, accepted.Technique, zero);
    }

    private static Verdict Judge(
        string kind, Measurement technique, Measurement reference, OverheadBudgets budgets, Func<Metric, double> budgetOf,
        Func<Metric, Interval> intervalOf, Func<Interval, double, Outcome> outcomeOf, string note, Measurement? also = null,
        IReadOnlyCollection<Metric>? uncompared = null)
    {
        if (technique.Scenario != reference.Scenario || (also is not null && also.Scenario != technique.Scenario))
        {
            throw new ArgumentException($"Cannot compare {technique.Scenario} with a reference of {reference.Scenario}.");
        }

        var metrics = budgets.GatedMetrics
            .Where(m => technique.MetricsMeasured.Contains(m) && reference.MetricsMeasured.Contains(m)
                && (also is null || also.MetricsMeasured.Contains(m)) && uncompared?.Contains(m) != true)
            .Select(m =>
            {
                var interval = intervalOf(m);
                var budget = budgetOf(m);
                return new MetricVerdict(
                    m, interval, budget, outcomeOf(interval, budget), technique.Iterations.Count,
                    (also ?? reference).Iterations.Count, NoisePercent(m, reference));
            })
            .ToList();
        return new Verdict(kind, technique.Technique, technique.Scenario, technique.Testbed.Id, metrics, Note: note);
    }

    /// <summary>The reference's spread against itself between neighbouring iterations, per iteration: the standard
    /// deviation of successive log differences over sqrt(2), in percent.</summary>
    private static double NoisePercent(Metric metric, Measurement reference)
    {
        var logs = OverheadIntervals.LogCosts(metric, reference.Values(metric));
        if (logs.Count < 3)
        {
            return double.NaN;
        }

        var steps = logs.Skip(1).Select((l, i) => l - logs[i]).ToList();
        return SerialSample.Of(steps).StandardDeviation / Math.Sqrt(2) * 100;
    }
}
