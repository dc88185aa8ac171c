using System.Text;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// Each technique's overhead across the runs of a <see cref="RunHistory"/>, per scenario's headline metric, and the
/// runs where it moved. The change-point check walks the runs in order and compares each run's pairs with those of
/// the runs since the last change, as the regression gate compares (interval of the difference at 99%); a run is a
/// change point when that interval excludes 0 and the shift is at least 5% (Firecracker's rule, so that drift the
/// intervals cannot see does not name every run). Rows without pairs (the stored mode) are plotted, not checked.
/// </summary>
public static class Trends
{
    /// <summary>The confidence of the change-point check.</summary>
    public const double Confidence = 0.99;

    /// <summary>The smallest shift that names a change point, in percent.</summary>
    public const double MinimumChangePercent = 5;

    /// <summary>Every technique x scenario seen in two runs or more, with its change points.</summary>
    public static IReadOnlyList<Trend> Of(RunHistory history) =>
        (from technique in history.Runs.SelectMany(r => r.Techniques).Where(t => t != Techniques.BareMetal).Distinct().OrderBy(RunReport.StudyOrder)
         from scenario in history.Runs.SelectMany(r => r.Scenarios).Distinct().Order()
         let metric = Scenarios.HeadlineMetric(scenario)
         let points = history.Runs
             .Select(run => run.Row(technique, scenario) is { } row && run.Overhead(row, metric) is { } overhead
                 ? new TrendPoint(run, overhead.Overhead, RunReport.LogRatios(row, metric))
                 : null)
             .OfType<TrendPoint>().ToList()
         where points.Count >= 2
         select new Trend(technique, scenario, metric, points, Changes(metric, points)))
        .ToList();

    /// <summary>The section of summary.md.</summary>
    public static string Markdown(RunHistory history, IReadOnlyList<Trend> trends)
    {
        var md = new StringBuilder("\n## Trends across runs\n\n");
        if (history.Runs.Count < 2)
        {
            md.Append("This is the only run of this testbed so far: trends and change points need two (runs are kept under results/).\n");
        }
        else
        {
            md.Append(Invariant($"{history.Runs.Count} runs of this testbed, {history.Runs[0].Name} to {history.Runs[^1].Name}. "))
                .Append(Invariant($"A change point is a run whose pairs differ from those of the runs since the last change ({Confidence * 100:0}% interval of the difference clear of 0, and at least {MinimumChangePercent:0}%).\n\n"));
            md.Append("| technique | scenario | runs | overhead, first → last | change points |\n|---|---|---|---|---|\n");
            foreach (var trend in trends)
            {
                md.Append(Invariant($"| {trend.Technique} | {trend.Scenario} ({trend.Metric}) | {trend.Points.Count} | {trend.Points[0].Overhead.Estimate:+0;-0;0}% → {trend.Points[^1].Overhead.Estimate:+0;-0;0}% | "))
                    .AppendJoin("; ", trend.Changes.Select(c => Invariant($"{c.Run.Name}: {c.Change.Estimate:+0;-0;0}% [{c.Change.Low:+0;-0;0}, {c.Change.High:+0;-0;0}]")))
                    .Append(" |\n");
            }
        }

        foreach (var leftOut in history.LeftOut)
        {
            md.Append("\nLeft out: ").Append(leftOut).Append('\n');
        }

        return md.ToString();
    }

    private static IReadOnlyList<ChangePoint> Changes(Metric metric, IReadOnlyList<TrendPoint> points)
    {
        var changes = new List<ChangePoint>();
        var segment = new List<double>();
        foreach (var point in points.Where(p => p.Pairs is not null))
        {
            if (segment.Count > 0)
            {
                var change = OverheadIntervals.Difference(metric, point.Pairs!, segment, Confidence);
                if ((change.Low > 0 || change.High < 0) && Math.Abs(change.Estimate) >= MinimumChangePercent)
                {
                    changes.Add(new ChangePoint(point.Run, change));
                    segment.Clear();
                }
            }

            segment.AddRange(point.Pairs!);
        }

        return changes;
    }
}

/// <summary>One run's overhead of a technique and scenario.</summary>
/// <param name="Run">The run.</param>
/// <param name="Overhead">The overhead with its interval.</param>
/// <param name="Pairs">The row's log cost ratio per pair, or null without pairs.</param>
public sealed record TrendPoint(RunReport Run, Interval Overhead, IReadOnlyList<double>? Pairs);

/// <summary>A technique's overhead in a scenario's headline metric across runs, and where it moved.</summary>
/// <param name="Technique">The technique.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Metric">Its headline metric.</param>
/// <param name="Points">One point per run that has the row, oldest first.</param>
/// <param name="Changes">The change points.</param>
public sealed record Trend(string Technique, Scenario Scenario, Metric Metric, IReadOnlyList<TrendPoint> Points, IReadOnlyList<ChangePoint> Changes);

/// <summary>A run where an overhead moved, and by how much against the runs since the last change.</summary>
/// <param name="Run">The run.</param>
/// <param name="Change">The shift, in percent of the cost, with its interval.</param>
public sealed record ChangePoint(RunReport Run, Interval Change);
