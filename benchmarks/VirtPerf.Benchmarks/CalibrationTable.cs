using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Benchmarks;

/// <summary>What real calibration gates say: per scenario and gated metric, how often the stated 95% intervals of
/// A/A gates held 0 (coverage), how often the regression rule flagged an A/A gate (false alarms), and how often it
/// caught a real injected slowdown of known size (detection).</summary>
internal static class CalibrationTable
{
    /// <summary>Re-judges the gates recorded in <paramref name="folders"/> with today's gate code, the settings'
    /// profile and the committed budgets (<see cref="Replay"/>; <paramref name="firstLook"/>: as rows without an
    /// accepted overhead), and prints the table and the method comparison.</summary>
    public static int Rejudged(IReadOnlyList<string> folders, TextWriter output, bool firstLook = false)
    {
        var settings = VirtPerf.Rows.PerfSettings.FromEnvironment();
        var budgets = VirtPerf.Assertions.Budgets.OverheadBudgets.Load(settings.BudgetsFile);
        var gates = folders.SelectMany(f => Replay.Rejudge(CalibrationGate.Read([f]), budgets, settings.Profile, firstLook)).ToList();
        output.WriteLine($"Re-judged with profile {settings.Profile.Name} and {settings.BudgetsFile}; recorded in {string.Join(", ", folders)}.");
        output.WriteLine(firstLook
            ? "First look: budget verdicts alone, as rows without an accepted overhead; each recorded A/A gate cut into consecutive gates as long as today's code takes to decide.\n"
            : "");
        Print(gates, output);
        MethodComparison.Print(gates, output);
        return 0;
    }

    private static void Print(IReadOnlyList<CalibrationGate> gates, TextWriter output)
    {
        var aa = gates.Where(g => g.Kind == "aa").ToList();
        if (aa.Count > 0)
        {
            var from = aa.Min(g => g.Technique[0].Started);
            var to = aa.Max(g => g.Technique[^1].Started);
            output.WriteLine(Invariant($"A/A: {aa.Count} real gates, {from:yyyy-MM-dd HH:mm} to {to:HH:mm} UTC ({(to - from).TotalMinutes:0} min), load {Range(aa.Select(g => g.Noise?.LoadBefore))} on {aa[0].Noise?.Cores} CPUs, other work {Range(aa.Select(g => g.Noise?.OtherWorkPercent))}% of them"));
            output.WriteLine();
            output.WriteLine("| scenario | metric | gates | 95% interval holds 0 | regression flagged | regression undecided | mean pairs | median A/A noise |");
            output.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var (scenario, metric, list) in ByMetric(aa))
            {
                var budget = list.Select(x => x.Budget).ToList();
                var regression = list.Select(x => x.Regression).OfType<MetricVerdict>().ToList();
                output.WriteLine(Invariant(
                    $"| {scenario} | {metric} | {list.Count} | {Share(budget, m => m.Overhead.Low <= 0 && 0 <= m.Overhead.High)} | ")
                    + Invariant($"{Share(regression, m => m.Outcome == Outcome.OverBudget)} | {Share(regression, m => m.Outcome == Outcome.Undecided)} | ")
                    + Invariant($"{list.Average(x => x.Gate.Technique.Count):0.0} | {Medians.Of(budget.Select(m => m.NoisePercent).Where(double.IsFinite)):0.0}% |"));
            }

            var all = ByMetric(aa).SelectMany(x => x.List).ToList();
            var rows = aa.Select(g => g.Verdicts.FirstOrDefault(v => v.Kind == "regression")).OfType<Verdict>().ToList();
            output.WriteLine(Invariant(
                $"| all | all | {all.Count} | {Share(all.Select(x => x.Budget).ToList(), m => m.Overhead.Low <= 0 && 0 <= m.Overhead.High)} | ")
                + Invariant($"{Share(all.Select(x => x.Regression).OfType<MetricVerdict>().ToList(), m => m.Outcome == Outcome.OverBudget)} | | {aa.Average(g => g.Technique.Count):0.0} | |"));
            if (rows.Count > 0)
            {
                output.WriteLine(Invariant(
                    $"\nWhole rows (a row fails when any gated metric regresses): {Share(rows, v => v.Outcome == Outcome.OverBudget)} of {rows.Count} A/A gates flagged."));
            }
        }

        var injected = gates.Where(g => g.Kind == "injected").ToList();
        if (injected.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Injected slowdowns (regression rule against the accepted A/A overhead; true size from a long run):");
            output.WriteLine();
            output.WriteLine("| scenario | slowdown | metric | true size (95% CI) | gates | caught | undecided | mean pairs |");
            output.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var (scenario, metric, list) in ByMetric(injected))
            {
                var truth = gates.LastOrDefault(g => g.Kind == "true-size" && g.Scenario == scenario)?
                    .Verdicts.SelectMany(v => v.Metrics).FirstOrDefault(m => m.Metric == metric);
                var regression = list.Select(x => x.Regression).OfType<MetricVerdict>().ToList();
                output.WriteLine(Invariant(
                    $"| {scenario} | {list[0].Gate.Injection} | {metric} | {truth?.Overhead.ToString() ?? "-"} | {list.Count} | ")
                    + Invariant($"{Share(regression, m => m.Outcome == Outcome.OverBudget)} | {Share(regression, m => m.Outcome == Outcome.Undecided)} | ")
                    + Invariant($"{list.Average(x => x.Gate.Technique.Count):0.0} |"));
            }

            PrintCaps(ByMetric(injected).Where(x => x.List.All(g => g.Gate.Cap?.Metric == x.Metric)), output);
        }
    }

    /// <summary>A rate limit's cost in each gate, from bare metal's rate beside it: a long run's true size does not hold
    /// while the host's own rate drifts over and under the cap, so detection is counted where the cap cost 10% or more.</summary>
    private static void PrintCaps(
        IEnumerable<(Scenario Scenario, Metric Metric, List<(CalibrationGate Gate, MetricVerdict Budget, MetricVerdict? Regression)> List)> rows,
        TextWriter output)
    {
        var capped = rows.ToList();
        if (capped.Count == 0)
            return;

        output.WriteLine();
        output.WriteLine("Rate limits, per gate (what the cap cost: bare metal's median beside it over the cap, less 1):");
        output.WriteLine();
        output.WriteLine("| scenario | metric | cap | cap's cost in the gates | gates costing 10% or more | caught | undecided | passed | gates costing under 5%: passed |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (scenario, metric, list) in capped)
        {
            var big = list.Where(x => x.Gate.CapCostPercent >= 10).Select(x => x.Regression).OfType<MetricVerdict>().ToList();
            var small = list.Where(x => x.Gate.CapCostPercent < 5).Select(x => x.Regression).OfType<MetricVerdict>().ToList();
            output.WriteLine(Invariant(
                $"| {scenario} | {metric} | {list[0].Gate.Cap!.Limit:0} {Metrics.Unit(metric)} | {Range(list.Select(x => x.Gate.CapCostPercent))}% | {big.Count} | ")
                + Invariant($"{Share(big, m => m.Outcome == Outcome.OverBudget)} | {Share(big, m => m.Outcome == Outcome.Undecided)} | ")
                + Invariant($"{Share(big, m => m.Outcome == Outcome.WithinBudget)} | {Share(small, m => m.Outcome == Outcome.WithinBudget)} of {small.Count} |"));
        }
    }

    /// <summary>The gates' final budget and regression verdicts, by scenario and metric.</summary>
    private static IEnumerable<(Scenario Scenario, Metric Metric, List<(CalibrationGate Gate, MetricVerdict Budget, MetricVerdict? Regression)> List)> ByMetric(
        IReadOnlyList<CalibrationGate> gates) =>
        gates.SelectMany(g => (g.Verdicts.FirstOrDefault(v => v.Kind == "budget")?.Metrics ?? []).Select(m => (
                Gate: g, Budget: m,
                Regression: g.Verdicts.FirstOrDefault(v => v.Kind == "regression")?.Metrics.FirstOrDefault(r => r.Metric == m.Metric))))
            .GroupBy(x => (x.Gate.Scenario, x.Budget.Metric))
            .OrderBy(g => g.Key.Scenario).ThenBy(g => g.Key.Metric)
            .Select(g => (g.Key.Scenario, g.Key.Metric, g.ToList()));

    private static string Share<T>(IReadOnlyList<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? "-" : Invariant($"{100.0 * items.Count(predicate) / items.Count:0.0}% ({items.Count(predicate)})");

    private static string Range(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToList();
        return known.Count == 0 ? "not read" : Invariant($"{known.Min():0.0}-{known.Max():0.0}");
    }
}
