using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Benchmarks;

/// <summary>Do runs at different times agree? For every row judged in all the runs given, and each scenario's
/// headline metrics (median latency and transaction rate, throughput, or capacity), whether every two runs' 95%
/// intervals of the overhead overlap. A row that claimed nothing in some run (undecided at the profile's most pairs, or
/// beside too much other work for a technique whose cost follows it) is shown and counted apart: it cannot contradict.</summary>
internal static class Reproducibility
{
    /// <summary>Which intervals are compared.</summary>
    public enum Intervals
    {
        /// <summary>As each run wrote them (with the wander its earlier runs on the testbed gave it).</summary>
        Recorded,

        /// <summary>Each run's own pairs alone (<see cref="Interval.WithinRow"/>): what the rows said before the wander.</summary>
        Own,

        /// <summary>Each run's own interval widened by the wander of the runs given before it and itself, in order: the
        /// rule replayed on runs recorded before it, as if they had been the testbed's only history.</summary>
        Replayed,
    }

    public static int Run(IReadOnlyList<string> runs, TextWriter output, Intervals which = Intervals.Recorded)
    {
        var verdicts = runs.Select(Budgets).ToList();
        verdicts = which switch
        {
            Intervals.Own => [.. verdicts.Select(run => Map(run, (_, _, i) => i.WithinRow))],
            Intervals.Replayed => [.. verdicts.Select((run, k) => Map(run, (row, metric, i) => WanderAcrossRuns.Widen(
                metric, i.WithinRow,
                [.. verdicts.Take(k).Reverse().Select(v => v.GetValueOrDefault(row)).OfType<Verdict>().Where(v => !v.ClaimsNothing)
                    .SelectMany(v => v.Metrics.Where(m => m.Metric == metric).Select(m => m.Overhead))])))],
            _ => verdicts,
        };
        output.WriteLine($"Intervals: {which.ToString().ToLowerInvariant()}");
        var rows = verdicts.Select(v => v.Keys.ToHashSet()).Aggregate((a, b) => [.. a.Intersect(b)]).Order().ToList();
        output.WriteLine($"Runs: {string.Join(", ", runs)}\n");
        output.WriteLine("| technique | scenario | metric | " + string.Join(" | ", runs.Select((_, i) => $"run {i + 1}")) + " | all overlap |");
        output.WriteLine("|---|---|---|" + string.Concat(runs.Select(_ => "---|")) + "---|");
        var checkedRows = new List<(string Technique, bool Overlap)>();
        var unclaimed = new List<(string Technique, bool Overlap)>();
        foreach (var (technique, scenario) in rows)
        {
            foreach (var metric in Headline(scenario))
            {
                var intervals = verdicts.Select(v => v[(technique, scenario)].Metrics.FirstOrDefault(m => m.Metric == metric)?.Overhead).ToList();
                if (intervals.Any(i => i is null))
                {
                    continue;
                }

                var all = intervals.SelectMany((a, i) => intervals.Skip(i + 1).Select(b => a!.Low <= b!.High && b.Low <= a.High)).All(x => x);
                var claims = verdicts.Select(v => v[(technique, scenario)]).Select(v => !v.ClaimsNothing).ToList();
                (claims.All(c => c) ? checkedRows : unclaimed).Add((technique, all));
                output.WriteLine(Invariant(
                    $"| {technique} | {scenario} | {metric} | {string.Join(" | ", intervals.Zip(claims, (i, c) => $"{i!.Estimate:+0.0;-0.0}% [{i.Low:+0.0;-0.0}, {i.High:+0.0;-0.0}]{(c ? "" : " (claims nothing)")}"))} | {(all ? "yes" : "**no**")} |"));
            }
        }

        output.WriteLine();
        foreach (var group in checkedRows.GroupBy(r => r.Technique))
        {
            output.WriteLine($"{group.Key}: {Share([.. group])}");
        }

        output.WriteLine($"all: {Share(checkedRows)} row x headline metric intervals overlap in every two runs, of those that claimed something in every run.");
        output.WriteLine($"claimed nothing in some run (left out above): {unclaimed.Count}, of which {unclaimed.Count(r => r.Overlap)} overlap anyway; "
            + $"everything together: {Share([.. checkedRows, .. unclaimed])}.");
        return 0;
    }

    private static string Share(IReadOnlyList<(string Technique, bool Overlap)> rows) =>
        Invariant($"{rows.Count(r => r.Overlap)} of {rows.Count} ({100.0 * rows.Count(r => r.Overlap) / Math.Max(1, rows.Count):0.0}%)");

    private static IEnumerable<Metric> Headline(Scenario scenario) =>
        Scenarios.Capacity.Contains(scenario) ? [Metric.Capacity]
        : Scenarios.IsRequestResponse(scenario) ? [Metric.LatencyP50, Metric.TransactionRate]
        : [Metric.Throughput];

    private static Dictionary<(string Technique, Scenario Scenario), Verdict> Map(
        Dictionary<(string Technique, Scenario Scenario), Verdict> run, Func<(string, Scenario), Metric, Interval, Interval> interval) =>
        run.ToDictionary(p => p.Key, p => p.Value with
        {
            Metrics = [.. p.Value.Metrics.Select(m => m with { Overhead = interval(p.Key, m.Metric, m.Overhead) })],
        });

    private static Dictionary<(string Technique, Scenario Scenario), Verdict> Budgets(string folder) =>
        Reports.RunReport.Load(folder).Rows.Select(r => r.Budget).OfType<Verdict>().ToDictionary(v => (v.Technique, v.Scenario));
}
