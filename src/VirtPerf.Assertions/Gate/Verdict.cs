using VirtPerf.Workloads;

namespace VirtPerf.Assertions.Gate;

/// <summary>A row's verdict: every gated metric judged against its budget (or against the accepted overhead, for
/// the regression gate).</summary>
/// <param name="Kind"><c>budget</c> (against bare metal) or <c>regression</c> (against the technique's accepted overhead).</param>
/// <param name="Technique">The technique judged.</param>
/// <param name="Scenario">Its scenario.</param>
/// <param name="Fingerprint">The testbed fingerprint id of the measurement.</param>
/// <param name="Metrics">One verdict per gated metric the row measures.</param>
/// <param name="ThinEvidence">True when the row reached its most iterations and some metric stayed undecided: the
/// testbed was too noisy to decide at the stated confidence, and the row claims nothing.</param>
/// <param name="Note">Anything a reader must know: how bare metal was measured, a baseline of another testbed.</param>
/// <param name="Noise">The testbed's load while the row ran, recorded with the verdict.</param>
/// <param name="HostBusy">True when other work took more of the host than <see cref="HostNoise.MostOtherWorkPercent"/>
/// and the technique's cost follows the host's free CPU (a TCG guest's): the row claims nothing.</param>
/// <param name="SchemaVersion">The JSON form's version (a verdicts file is a list: each verdict carries it; files
/// written before it was, in the same form, read as version 1).</param>
public sealed record Verdict(
    string Kind, string Technique, Scenario Scenario, string Fingerprint, IReadOnlyList<MetricVerdict> Metrics,
    bool ThinEvidence = false, string? Note = null, HostNoise? Noise = null, bool HostBusy = false, int SchemaVersion = Verdict.CurrentSchemaVersion)
{
    /// <summary>The version of the JSON form this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>True when the row claims nothing: beside too much other work, or undecided at its most iterations.</summary>
    public bool ClaimsNothing => HostBusy || ThinEvidence;

    /// <summary>Undecided beside too much other work (<see cref="HostBusy"/>); else over budget if any metric is, else
    /// undecided if any is, else within budget.</summary>
    public Outcome Outcome =>
        HostBusy ? Outcome.Undecided
        : Metrics.Any(m => m.Outcome == Outcome.OverBudget) ? Outcome.OverBudget
        : Metrics.Any(m => m.Outcome == Outcome.Undecided) ? Outcome.Undecided
        : Outcome.WithinBudget;
}
