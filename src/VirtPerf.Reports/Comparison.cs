using System.Globalization;
using System.Text;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// Two runs side by side (before, after), in the summary's form: per technique and scenario the headline metric's
/// overhead before and after, and whether it changed. Paired rows are compared on the interval of the difference (the
/// regression gate's: Hodges-Lehmann shift of today's pairs' log cost ratios over the earlier ones, Mann-Whitney
/// interval on effective n), which catches a change whose two intervals still overlap; rows without pairs (the
/// stored mode) only on whether the two intervals overlap, and say so.
/// </summary>
public static class Comparison
{
    /// <summary>compare.md for <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static string Render(RunReport before, RunReport after)
    {
        var scenarios = before.Scenarios.Intersect(after.Scenarios).Order().ToList();
        var techniques = after.Techniques.Where(t => t != Techniques.BareMetal && before.Techniques.Contains(t)).ToList();
        var md = new StringBuilder("# VirtNetPerf comparison\n\n");
        md.Append("- before: ").Append(before.Folder).Append(" (testbed `").Append(before.Rows[0].Measurement.Testbed.Id).Append("`)\n");
        md.Append("- after: ").Append(after.Folder).Append(" (testbed `").Append(after.Rows[0].Measurement.Testbed.Id).Append("`)\n");
        if (before.Rows[0].Measurement.Testbed.Id != after.Rows[0].Measurement.Testbed.Id)
        {
            md.Append("- **the testbeds differ** (").AppendJoin("; ", after.Rows[0].Measurement.Testbed.Differences(before.Rows[0].Measurement.Testbed))
                .Append("): changes may come from the testbed, not the technique\n");
        }

        md.Append("\nOverhead of each scenario's headline metric in percent (higher is worse), before → after; ")
            .Append("▲ worse, ▼ better: the 95% interval of the change excludes 0; = no significant change; ° a row without pairs ")
            .Append("(stored mode), compared only on whether its two intervals overlap.\n\n");
        md.Append("| technique | ").AppendJoin(" | ", scenarios).Append(" |\n|---|").Append(string.Concat(scenarios.Select(_ => "---|"))).Append('\n');
        var changes = new List<string>();
        foreach (var technique in techniques)
        {
            md.Append("| ").Append(technique).Append(" | ");
            md.AppendJoin(" | ", scenarios.Select(scenario =>
            {
                var (b, a) = (Of(before, technique, scenario), Of(after, technique, scenario));
                if (b is null || a is null)
                {
                    return "";
                }

                var metric = Scenarios.HeadlineMetric(scenario);
                var difference = Pairs(before, technique, scenario, metric) is { } earlier && Pairs(after, technique, scenario, metric) is { } today
                    ? OverheadIntervals.Difference(metric, today, earlier, OverheadGate.DefaultConfidence)
                    : null;
                var change = difference is not null
                    ? (difference.Low > 0 ? "▲" : difference.High < 0 ? "▼" : "=")
                    : (a.Low > b.High ? "▲" : a.High < b.Low ? "▼" : "=") + "°";
                if (!change.StartsWith('='))
                {
                    changes.Add(Invariant($"- {technique} {scenario} ({metric}): {b} → {a} {change}")
                        + (difference is null ? " (no pairs: the intervals do not overlap)" : Invariant($"; the overhead changed by {difference}")));
                }

                return Invariant($"{b.Estimate:+0;-0;0}% → {a.Estimate:+0;-0;0}% {change}");
            })).Append(" |\n");
        }

        md.Append("\n## Changed overheads\n\n");
        md.Append(changes.Count == 0 ? "None: no overhead changed significantly.\n" : string.Join('\n', changes) + "\n");
        return md.ToString();
    }

    private static IReadOnlyList<double>? Pairs(RunReport report, string technique, Scenario scenario, Metric metric) =>
        report.Row(technique, scenario) is { } row ? RunReport.LogRatios(row, metric) : null;

    private static Interval? Of(RunReport report, string technique, Scenario scenario) =>
        report.Row(technique, scenario) is { } row ? report.Overhead(row, Scenarios.HeadlineMetric(scenario))?.Overhead : null;
}
