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
    /// estimate exceeds the threshold; undecided when the estimate exceeds it without significance; else within.</summary>
    public static Outcome AgainstAccepted(Interval change, double thresholdPercent) =>
        change.Estimate <= thresholdPercent ? Outcome.WithinBudget
        : change.Low > 0 ? Outcome.OverBudget
        : Outcome.Undecided;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Metric}: overhead {Overhead}, budget {BudgetPercent:0.#}%, n = {Iterations} vs {ReferenceIterations}: {Outcome}");
}
