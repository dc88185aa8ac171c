using System.Globalization;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>One metric's overhead, its interval, the budget and what they say.</summary>
/// <param name="Metric">The metric judged.</param>
/// <param name="Overhead">Overhead in percent with its confidence interval.</param>
/// <param name="BudgetPercent">The largest overhead allowed.</param>
/// <param name="Outcome">Within, over, or undecided.</param>
/// <param name="Iterations">Iterations of the technique.</param>
/// <param name="ReferenceIterations">Iterations of the reference (bare-metal baseline, or the accepted measurement).</param>
public sealed record MetricVerdict(
    Metric Metric, Interval Overhead, double BudgetPercent, Outcome Outcome, int Iterations, int ReferenceIterations)
{
    /// <summary>The budget gate: within when the whole interval is at or below the budget, over when the whole
    /// interval is above it, undecided otherwise.</summary>
    public static Outcome AgainstBudget(Interval overhead, double budgetPercent) =>
        overhead.High <= budgetPercent ? Outcome.WithinBudget
        : overhead.Low > budgetPercent ? Outcome.OverBudget
        : Outcome.Undecided;

    /// <summary>The regression gate: over when the change is significant (the whole interval above 0) and its
    /// estimate exceeds the threshold; within when the interval rules out a regression of twice the threshold (the
    /// smallest one the gate promises to catch); undecided otherwise, which the adaptive profile answers with more
    /// iterations. Deciding "within" only on a narrow enough interval is what lets those iterations catch a real
    /// regression that the first few happened to hide.</summary>
    public static Outcome AgainstAccepted(Interval change, double thresholdPercent) =>
        change.Estimate > thresholdPercent && change.Low > 0 ? Outcome.OverBudget
        : change.High <= 2 * thresholdPercent ? Outcome.WithinBudget
        : Outcome.Undecided;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Metric}: overhead {Overhead}, budget {BudgetPercent:0.#}%, n = {Iterations} vs {ReferenceIterations}: {Outcome}");
}
