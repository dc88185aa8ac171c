using System.Text.Json;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Benchmarks;

/// <summary>Do main-job runs at different times agree? For every row judged in all the runs given, and each
/// scenario's headline metrics (median latency and transaction rate, or throughput), whether every two runs' 95%
/// intervals of the overhead overlap.</summary>
internal static class Reproducibility
{
    public static int Run(IReadOnlyList<string> runs, TextWriter output)
    {
        var verdicts = runs.Select(Budgets).ToList();
        var rows = verdicts.Select(v => v.Keys.ToHashSet()).Aggregate((a, b) => [.. a.Intersect(b)]).Order().ToList();
        output.WriteLine($"Runs: {string.Join(", ", runs)}\n");
        output.WriteLine("| technique | scenario | metric | " + string.Join(" | ", runs.Select((_, i) => $"run {i + 1}")) + " | all overlap |");
        output.WriteLine("|---|---|---|" + string.Concat(runs.Select(_ => "---|")) + "---|");
        var (checkedCount, overlapping) = (0, 0);
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
                (checkedCount, overlapping) = (checkedCount + 1, overlapping + (all ? 1 : 0));
                output.WriteLine(Invariant(
                    $"| {technique} | {scenario} | {metric} | {string.Join(" | ", intervals.Select(i => $"{i!.Estimate:+0.0;-0.0}% [{i.Low:+0.0;-0.0}, {i.High:+0.0;-0.0}]"))} | {(all ? "yes" : "**no**")} |"));
            }
        }

        output.WriteLine(Invariant($"\n{overlapping} of {checkedCount} row x headline metric intervals overlap in every two runs ({100.0 * overlapping / Math.Max(1, checkedCount):0.0}%)."));
        return 0;
    }

    private static IEnumerable<Metric> Headline(Scenario scenario) =>
        Scenarios.IsRequestResponse(scenario) ? [Metric.LatencyP50, Metric.TransactionRate] : [Metric.Throughput];

    private static Dictionary<(string Technique, Scenario Scenario), Verdict> Budgets(string folder) =>
        Directory.GetFiles(folder, "*.verdicts.json")
            .Select(f => JsonSerializer.Deserialize<List<Verdict>>(File.ReadAllText(f), MeasurementJson.Options)!.FirstOrDefault(v => v.Kind == "budget"))
            .OfType<Verdict>()
            .ToDictionary(v => (v.Technique, v.Scenario));
}
