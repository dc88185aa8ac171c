using System.Globalization;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>One metric's overhead, its interval, the budget and what they say.</summary>
/// <param name="Metric">The metric judged.</param>
/// <param name="Overhead">Overhead (or, for the regression gate, the change of overhead) in percent with its interval
/// and the evidence behind it: pairs, the autocorrelation left in them, the effective n.</param>
/// <param name="BudgetPercent">The largest overhead allowed (the regression gate: the threshold).</param>
/// <param name="Outcome">Within, over, or undecided.</param>
/// <param name="Iterations">Iterations of the technique (in a paired row, the pairs).</param>
/// <param name="ReferenceIterations">Iterations of the reference: the paired bare metal, the stored baseline, or the
/// accepted overhead's pairs.</param>
/// <param name="NoisePercent">The testbed's own noise in this row: the spread of bare metal against itself between
/// neighbouring iterations, per iteration, in percent (an A/A check that costs nothing).</param>
public sealed record MetricVerdict(
    Metric Metric, Interval Overhead, double BudgetPercent, Outcome Outcome, int Iterations, int ReferenceIterations, double NoisePercent = 0)
{
    /// <summary>The budget gate: within when the whole interval is at or below the budget, over when the whole
    /// interval is above it, undecided otherwise.</summary>
    public static Outcome AgainstBudget(Interval overhead, double budgetPercent) =>
        overhead.High <= budgetPercent ? Outcome.WithinBudget
        : overhead.Low > budgetPercent ? Outcome.OverBudget
        : Outcome.Undecided;

    /// <summary>The regression gate: over when the whole interval of the change is above the threshold (as the budget
    /// gate: a regression larger than the threshold, at the stated confidence); within when the interval rules out a
    /// regression of twice the threshold (the smallest one the gate promises to catch); undecided otherwise, which the
    /// adaptive loop answers with more pairs. Firecracker's rule (the interval above 0 and the estimate above the
    /// threshold) flagged 3 of 120 real A/A verdicts here (2.5%), as the two sides' asymmetry drifts between the
    /// accepted run and today; this one flagged 1 (0.8%) and caught the same injected slowdowns.</summary>
    public static Outcome AgainstAccepted(Interval change, double thresholdPercent) =>
        change.Low > thresholdPercent ? Outcome.OverBudget
        : change.High <= 2 * thresholdPercent ? Outcome.WithinBudget
        : Outcome.Undecided;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Metric}: overhead {Overhead}, budget {BudgetPercent:0.#}%, n = {Iterations} vs {ReferenceIterations} "
        + $"(autocorrelation {Overhead.Autocorrelation:0.00}, effective n {Overhead.EffectiveN:0.0}; A/A noise {NoisePercent:0.0}% per iteration): {Outcome}");
}
