using System.Globalization;
using System.Text;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// summary.md: the technique x scenario matrix of overhead (estimate and interval of each scenario's headline
/// metric) with verdicts, then what failed and what only warns, what each design choice costs (<see cref="Attribution"/>),
/// the host CPU per unit of work (<see cref="CostPerWork"/>), the testbed fingerprint and the settings. Plain
/// GitHub-flavoured Markdown, fit for a CI job summary.
/// </summary>
public static class SummaryMarkdown
{
    /// <summary>The summary of <paramref name="report"/>.</summary>
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        var first = report.Rows[0].Measurement;
        md.Append("# VirtNetPerf run ").Append(first.RunId).Append("\n\n");
        md.Append(Invariant($"Overhead against bare metal of each scenario's headline metric (median latency, throughput, or capacity at a latency SLO), in percent, higher is worse, with its {OverheadGate.DefaultConfidence * 100:0}% confidence interval; then the verdict against the budget. "));
        md.Append("`(this run)`: compared with this run's BareMetal row, not judged; `(paired)`: with the bare metal beside it, not judged.\n\n");
        md.Append("| technique | ").AppendJoin(" | ", report.Scenarios.Select(s => $"{s} ({Metrics.Unit(Scenarios.HeadlineMetric(s))})")).Append(" |\n");
        md.Append("|---|").Append(string.Concat(report.Scenarios.Select(_ => "---|"))).Append('\n');
        foreach (var technique in report.Techniques)
        {
            md.Append("| ").Append(technique).Append(" | ");
            md.AppendJoin(" | ", report.Scenarios.Select(s => Cell(report, technique, s))).Append(" |\n");
        }

        md.Append(CapacitySearches.Markdown(report));
        Findings(md, report);
        md.Append(Attribution.Markdown(Attribution.Of(report)));
        md.Append(CostPerWork.Markdown(report));
        var testbed = first.Testbed;
        md.Append("\n## Testbed and settings\n\n");
        md.Append(Invariant($"- testbed `{testbed.Id}`: {testbed.Testbed}, {testbed.CpuModel}, {testbed.Cores} CPUs, kernel {testbed.Kernel}, "))
            .AppendJoin(", ", testbed.Tools.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}")).Append('\n');
        if (testbed.SutHost is not null)
        {
            md.Append(Invariant($"- two hosts: SUT host {testbed.SutHost}, client {testbed.Client}, link {testbed.Link}\n"));
        }

        foreach (var profile in report.Rows.Select(r => r.Measurement.Profile).Distinct())
        {
            md.Append(Invariant($"- profile {profile.Name}: {profile.Iterations} x {profile.IterationSeconds} s after {profile.WarmUpSeconds} s warm-up"))
                .Append(profile.MaxIterations is { } most ? Invariant($", up to {most} when undecided") : "").Append('\n');
        }

        md.Append(Invariant($"- rows: {report.Rows.Count}, from {report.Rows.Min(r => r.Measurement.Started):u} to {report.Rows.Max(r => r.Measurement.Finished):u}\n"));
        return md.ToString();
    }

    private static string Cell(RunReport report, string technique, Workloads.Scenario scenario)
    {
        if (report.Row(technique, scenario) is not { } row)
        {
            return "";
        }

        var metric = Scenarios.HeadlineMetric(scenario);
        if (!row.Measurement.MetricsMeasured.Contains(metric))
        {
            return "n/a";
        }

        var s = MetricSummary.Of(row.Measurement.Values(metric));
        if (report.Overhead(row, metric) is not { } overhead)
        {
            return row.PairedBareMetal is { } bare && bare.HasZero(metric)
                ? Invariant($"{Figure(s.Mean)} (bare metal beside it: 0 in {bare.Values(metric).Count(v => v == 0)} of {bare.Iterations.Count}, no overhead)")
                : Figure(s.Mean);
        }

        var verdict = overhead.Verdict is { } v ? $" {Mark(v.Outcome)}" : $" ({overhead.Reference})";
        var (low, high) = (overhead.Overhead.Low, overhead.Overhead.High);
        var interval = double.IsFinite(low) && double.IsFinite(high) ? Invariant($"[{low:+0;-0;0}, {high:+0;-0;0}]") : "(no interval: too few)";
        return Invariant($"{Figure(s.Mean)}: {overhead.Overhead.Estimate:+0;-0;0}% {interval}{verdict}");
    }

    /// <summary>A figure in four digits, whole from 10,000 (a capacity in req/s) rather than 6.15E+04.</summary>
    private static string Figure(double value) =>
        Math.Abs(value) >= 1e4 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);

    private static void Findings(StringBuilder md, RunReport report)
    {
        var failed = report.Rows.SelectMany(r => r.Verdicts).Where(v => v.Outcome == Outcome.OverBudget).ToList();
        var warned = report.Rows.SelectMany(r => r.Verdicts).Where(v => v.Outcome == Outcome.Undecided).ToList();
        md.Append("\n## Verdicts\n\n");
        md.Append(Invariant($"{report.Rows.Count(r => r.Verdicts.Count > 0)} rows judged: {failed.Count} over budget (fail), {warned.Count} undecided (skipped: they claim nothing)"));
        md.Append(Invariant($", {report.Rows.Count(r => r.Verdicts.Count == 0)} not judged (bare metal, a recorded reference, or no baseline in the stored mode).\n"));
        foreach (var (title, verdicts) in new[]
        {
            ("Over budget (the run fails)", failed),
            ("Undecided (the testbed was too noisy to decide at the stated confidence within the profile's most pairs, or too busy with other work for a technique whose cost follows it; the row claims nothing)", warned),
        })
        {
            if (verdicts.Count == 0)
            {
                continue;
            }

            md.Append("\n### ").Append(title).Append("\n\n");
            foreach (var verdict in verdicts)
            {
                md.Append("- ").Append(verdict.Technique).Append(' ').Append(verdict.Scenario).Append(" (").Append(verdict.Kind)
                    .Append(verdict.HostBusy ? ", beside too much other work" : verdict.ThinEvidence ? ", thin evidence" : "").Append(verdict.Noise is { } noise ? $", {noise}" : "").Append(")\n");
                foreach (var metric in verdict.Metrics.Where(m => m.Outcome != Outcome.WithinBudget))
                {
                    md.Append("  - ").Append(metric).Append('\n');
                }
            }
        }
    }

    private static string Mark(Outcome outcome) => outcome switch
    {
        Outcome.WithinBudget => "✅",
        Outcome.OverBudget => "❌ over budget",
        _ => "⚠️ undecided",
    };
}
