using System.Globalization;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>The simulation's two cross-checks: the regression gate on real pairs of runs, and other gate settings.</summary>
internal static partial class GateSimulation
{
    /// <summary>The regression gate on every ordered pair of real measurements of the same technique and scenario (an
    /// A/A across runs: same code, same machine, same day), which the simulation's single level cannot show.</summary>
    private static void RealRunPairs(NoiseFile noise, double threshold, GateSettings settings)
    {
        Console.WriteLine("Real A/A across runs: the regression gate on every ordered pair of measurements of one technique, scenario and");
        Console.WriteLine("metric in the noise file (iterations as recorded, no adaptive extension: the runs are over; none when each technique ran once)");
        Console.WriteLine($"| {"scenario",-15} | {"metric",-15} | {"pairs",5} | {"flagged",7} | {"thin",5} | {"|estimate| mean",15} | {"max",6} |");
        Console.WriteLine($"|{new string('-', 17)}|{new string('-', 17)}|{new string('-', 7)}|{new string('-', 9)}|{new string('-', 7)}|{new string('-', 17)}|{new string('-', 8)}|");
        var (allPairs, allFlagged) = (0, 0);
        foreach (var pool in noise.Pools)
        {
            var pairs = pool.Measurements.GroupBy(m => m.Technique)
                .SelectMany(g => g.SelectMany(reference => g.Where(t => t != reference).Select(technique => (reference, technique))))
                .Select(p => Bootstrap.Overhead(pool.Metric, Values(p.technique), Values(p.reference), settings.Confidence, settings.Resamples))
                .ToList();
            if (pairs.Count == 0)
            {
                continue;
            }

            var outcomes = pairs.Select(i => MetricVerdict.AgainstAccepted(i, threshold)).ToList();
            var flagged = outcomes.Count(o => o == Outcome.OverBudget);
            (allPairs, allFlagged) = (allPairs + pairs.Count, allFlagged + flagged);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {pool.Scenario,-15} | {pool.Metric,-15} | {pairs.Count,5} | {flagged,7} | {outcomes.Count(o => o == Outcome.Undecided),5} "
                + $"| {pairs.Average(i => Math.Abs(i.Estimate)),14:0.0}% | {pairs.Max(i => Math.Abs(i.Estimate)),5:0.0}% |"));
        }

        Console.WriteLine($"flagged as regressions: {allFlagged} of {allPairs} real A/A pairs ({Percent((double)allFlagged / allPairs)})");
    }

    private static List<double> Values(NoiseMeasurement measurement) => measurement.Residuals.Select(r => r * measurement.Mean).ToList();

    /// <summary>The regression gate on whole rows: every gated metric of a scenario judged at once by
    /// <see cref="OverheadGate.AgainstAccepted"/>, the row flagged when any metric is over, as in perf-tests.</summary>
    private static void WholeRows(NoiseFile noise, int gates, double threshold, GateSettings settings)
    {
        Console.WriteLine("Whole rows: the scenario's gated metrics drawn together from recorded iterations, judged by OverheadGate.AgainstAccepted,");
        Console.WriteLine("extended while the row is undecided; flagged when any metric is over (overhead injected on every metric)");
        Console.WriteLine($"| {"scenario",-15} | {"metrics",-39} | {"A/A flagged",11} | {"thin",5} | {"10 % flagged",12} | {"thin",5} |");
        Console.WriteLine($"|{new string('-', 17)}|{new string('-', 41)}|{new string('-', 13)}|{new string('-', 7)}|{new string('-', 14)}|{new string('-', 7)}|");
        foreach (var scenario in noise.Pools.Select(p => p.Scenario).Distinct())
        {
            var aa = GateSimulator.RowRegression(noise, scenario, 0, threshold, gates, settings);
            var ten = GateSimulator.RowRegression(noise, scenario, 10, threshold, gates, settings);
            var metrics = string.Join(", ", noise.Pools.Where(p => p.Scenario == scenario).Select(p => p.Metric));
            Console.WriteLine(
                $"| {scenario,-15} | {metrics,-39} | {Percent(aa.OverRate),11} | {Percent(aa.UndecidedRate),5} | {Percent(ten.OverRate),12} | {Percent(ten.UndecidedRate),5} |");
        }
    }

    /// <summary>The acceptance (A/A false alarms at most 1 %, 10 % detected at least 95 %) under other settings.</summary>
    private static void OtherSettings(
        NoiseFile noise, int gates, double threshold, GateSettings settings, List<(NoisePool Pool, double Injected, GateRates Rates)> simulated)
    {
        var candidates = new (string Name, double Threshold, GateSettings Settings)[]
        {
            ("quick profile: 5, no extension", threshold, settings with { Profile = Profile.Quick }),
            ("confidence 0.99", threshold, settings with { Confidence = 0.99 }),
            ("reference 40 iterations", threshold, settings with { ReferenceIterations = 40 }),
            ("10 up to 60 iterations", threshold, settings with { Profile = settings.Profile with { Iterations = 10, MaxIterations = 60 } }),
        };
        Console.WriteLine("Regression gate acceptance under other settings, per metric, all pools (A/A false alarms <= 1 %, 10 % detected >= 95 %)");
        Console.WriteLine($"| {"setting",-38} | {"A/A mean",8} | {"worst",6} | {"10 % mean",9} | {"worst",6} | {"pools meeting",13} | {"iters A/A",9} |");
        Console.WriteLine($"|{new string('-', 40)}|{new string('-', 10)}|{new string('-', 8)}|{new string('-', 11)}|{new string('-', 8)}|{new string('-', 15)}|{new string('-', 11)}|");
        Setting("as simulated above", noise.Pools.Select(p => (
            simulated.Single(s => s.Pool == p && s.Injected == 0).Rates, simulated.Single(s => s.Pool == p && s.Injected == 10).Rates)).ToList());
        foreach (var (name, limit, candidate) in candidates)
        {
            Setting(name, noise.Pools
                .Select(p => (GateSimulator.Regression(p, 0, limit, gates, candidate), GateSimulator.Regression(p, 10, limit, gates, candidate)))
                .ToList());
        }

    }

    private static void Setting(string name, List<(GateRates AA, GateRates Ten)> results)
    {
        var meeting = results.Count(r => r.AA.OverRate <= 0.01 && r.Ten.OverRate >= 0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name,-38} | {Percent(results.Average(r => r.AA.OverRate)),8} | {Percent(results.Max(r => r.AA.OverRate)),6} "
            + $"| {Percent(results.Average(r => r.Ten.OverRate)),9} | {Percent(results.Min(r => r.Ten.OverRate)),6} "
            + $"| {$"{meeting} of {results.Count}",13} | {results.Average(r => r.AA.MeanIterations),9:0.0} |"));
    }
}
