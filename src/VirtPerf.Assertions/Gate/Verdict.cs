using VirtPerf.Workloads;

namespace VirtPerf.Assertions.Gate;

/// <summary>A row's verdict: every gated metric judged against its budget (or against the last accepted
/// measurement, for the regression gate).</summary>
/// <param name="Kind"><c>budget</c> (against the bare-metal baseline) or <c>regression</c> (against the last accepted
/// measurement of the same technique).</param>
/// <param name="Technique">The technique judged.</param>
/// <param name="Scenario">Its scenario.</param>
/// <param name="Fingerprint">The testbed fingerprint id of the measurement.</param>
/// <param name="Metrics">One verdict per gated metric the row measures.</param>
/// <param name="ThinEvidence">True when the adaptive profile reached its most iterations and some metric stayed
/// undecided: then the point estimate is reported, and only warns.</param>
/// <param name="Note">Anything a reader must know, e.g. a baseline taken from another testbed on purpose.</param>
public sealed record Verdict(
    string Kind, string Technique, Scenario Scenario, string Fingerprint, IReadOnlyList<MetricVerdict> Metrics,
    bool ThinEvidence = false, string? Note = null)
{
    /// <summary>Over budget if any metric is, else undecided if any is, else within budget.</summary>
    public Outcome Outcome =>
        Metrics.Any(m => m.Outcome == Outcome.OverBudget) ? Outcome.OverBudget
        : Metrics.Any(m => m.Outcome == Outcome.Undecided) ? Outcome.Undecided
        : Outcome.WithinBudget;
}
