using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>What one row came to: the technique's measurement and its verdicts, or why it was not judged.</summary>
/// <param name="Measurement">The technique's measurement; null when the row could not run.</param>
/// <param name="Verdicts">The verdicts (none when the row was not judged).</param>
/// <param name="NotJudged">Why the row claims nothing: it cannot run here, there is no stored baseline to compare with,
/// or the testbed was too noisy to decide; null for a decided row, for bare metal's own rows and for a row that
/// recorded a reference (measured and written, nothing to claim).</param>
public sealed record RowResult(Measurement? Measurement, IReadOnlyList<Verdict> Verdicts, string? NotJudged)
{
    /// <summary>A row that did not run, with the reason and the fix.</summary>
    public static RowResult Skipped(string reason) => new(null, [], reason);

    /// <summary>The verdicts over budget (the row fails on them).</summary>
    public IReadOnlyList<Verdict> Failed => Verdicts.Where(v => v.Outcome == Outcome.OverBudget).ToList();
}
