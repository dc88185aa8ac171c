using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>Turns a technique's measurement and a reference measurement into a <see cref="Verdict"/>.</summary>
public static class OverheadGate
{
    /// <summary>The default confidence of the budget gate's intervals.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>The regression gate's confidence: a row is compared with its accepted measurement on every CI run, so a
    /// false alarm must be rare (at most 1 % in benchmarks/gate-simulation.sh). Intervals from 20 iterations of this
    /// machine's noise cover less than they claim, and the adaptive profile looks up to five times: at 99 % about
    /// 1.3 % of A/A gates failed there, at 99.5 % 0.5 %.</summary>
    public const double RegressionConfidence = 0.995;

    /// <summary>Judges <paramref name="technique"/> against the bare-metal <paramref name="baseline"/>: each gated
    /// metric both measure, against its budget.</summary>
    public static Verdict AgainstBudget(
        Measurement technique, Measurement baseline, OverheadBudgets budgets, double confidence = DefaultConfidence, string? note = null) =>
        Judge("budget", technique, baseline, budgets, m => budgets.For(technique.Technique, technique.Scenario, m),
            MetricVerdict.AgainstBudget, confidence, note);

    /// <summary>Judges <paramref name="technique"/> against its own last <paramref name="accepted"/> measurement: a
    /// metric regresses when it got significantly worse and by more than the budget file's regression threshold.</summary>
    public static Verdict AgainstAccepted(
        Measurement technique, Measurement accepted, OverheadBudgets budgets, double confidence = RegressionConfidence) =>
        Judge("regression", technique, accepted, budgets, _ => budgets.RegressionPercent, MetricVerdict.AgainstAccepted, confidence, null);

    private static Verdict Judge(
        string kind, Measurement technique, Measurement reference, OverheadBudgets budgets, Func<Metric, double> budgetOf,
        Func<Interval, double, Outcome> outcomeOf, double confidence, string? note)
    {
        if (technique.Scenario != reference.Scenario)
        {
            throw new ArgumentException($"Cannot compare {technique.Scenario} with a reference of {reference.Scenario}.");
        }

        var metrics = budgets.GatedMetrics
            .Where(m => technique.MetricsMeasured.Contains(m) && reference.MetricsMeasured.Contains(m))
            .Select(m =>
            {
                var interval = Bootstrap.Overhead(m, technique.Values(m), reference.Values(m), confidence);
                var budget = budgetOf(m);
                return new MetricVerdict(
                    m, interval, budget, outcomeOf(interval, budget), technique.Iterations.Count, reference.Iterations.Count);
            })
            .ToList();
        return new Verdict(kind, technique.Technique, technique.Scenario, technique.Testbed.Id, metrics, Note: note);
    }
}
