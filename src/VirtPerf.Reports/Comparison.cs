using System.Globalization;
using System.Text;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// Two runs side by side (before, after), in the summary's form: per technique and scenario the headline metric's
/// overhead before and after; an overhead counts as changed when the two confidence intervals do not overlap.
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
            .Append("▲ worse, ▼ better: the confidence intervals do not overlap; = no significant change.\n\n");
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

                var change = a.Low > b.High ? "▲" : a.High < b.Low ? "▼" : "=";
                if (change != "=")
                {
                    changes.Add(Invariant($"- {technique} {scenario} ({Scenarios.HeadlineMetric(scenario)}): {b} → {a} {change}"));
                }

                return Invariant($"{b.Estimate:+0;-0;0}% → {a.Estimate:+0;-0;0}% {change}");
            })).Append(" |\n");
        }

        md.Append("\n## Changed overheads\n\n");
        md.Append(changes.Count == 0 ? "None: every overhead's interval overlaps its earlier one.\n" : string.Join('\n', changes) + "\n");
        return md.ToString();
    }

    private static Interval? Of(RunReport report, string technique, Scenario scenario) =>
        report.Row(technique, scenario) is { } row ? report.Overhead(row, Scenarios.HeadlineMetric(scenario))?.Overhead : null;
}
