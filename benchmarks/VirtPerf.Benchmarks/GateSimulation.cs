using System.Diagnostics;
using System.Globalization;
using VirtPerf.Assertions.Budgets;

namespace VirtPerf.Benchmarks;

/// <summary>
/// How often the gate is wrong on this machine's noise: for every scenario and gated metric of the committed noise
/// file, simulated gates (<see cref="GateSimulator"/>) with no overhead (A/A) and with 5, 10 and 25 % injected; the
/// regression gate at the budget file's threshold, and for information the budget gate at a budget of 0 %.
/// </summary>
internal static partial class GateSimulation
{
    /// <summary>The committed noise file, relative to the repository root.</summary>
    public const string NoisePath = "tests/VirtPerf.Assertions.Tests/Gate/Noise/noise.json";

    private const double DefaultThresholdPercent = 5;
    private const double StrictestBudgetPercent = 0;
    private static readonly double[] Injected = [0, 5, 10, 25];

    public static int Run(int gates, double? spread, string noisePath)
    {
        var root = RepositoryRoot();
        var noise = NoiseFile.Load(Path.Combine(root, noisePath));
        var budgetsPath = Path.Combine(root, "baselines", OverheadBudgets.FileName);
        var threshold = File.Exists(budgetsPath) ? OverheadBudgets.Load(budgetsPath).RegressionPercent : DefaultThresholdPercent;
        var settings = spread is { } s ? GateSettings.Default with { Spread = s } : GateSettings.Default;
        var clock = Stopwatch.StartNew();
        var rows = noise.Pools
            .SelectMany(pool => Injected.Select(x => new Row(
                pool, x, GateSimulator.Regression(pool, x, threshold, gates, settings),
                GateSimulator.Budget(pool, x, StrictestBudgetPercent, gates, settings))))
            .ToList();

        Header(noise, noisePath, gates, threshold, settings, File.Exists(budgetsPath) ? budgetsPath : null);
        Table(rows, threshold);
        Summary(rows);
        Console.WriteLine();
        WholeRows(noise, gates, threshold, settings);
        Console.WriteLine();
        RealRunPairs(noise, threshold, settings);
        Console.WriteLine();
        OtherSettings(noise, gates, threshold, settings, rows.Select(r => (r.Pool, r.Injected, r.Regression)).ToList());
        Console.Error.WriteLine($"simulated in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} CPUs");
        return 0;
    }

    private static void Header(NoiseFile noise, string noisePath, int gates, double threshold, GateSettings settings, string? budgets)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Gate simulation on recorded noise: {noisePath} ({noise.Machine.CpuModel}, {noise.Machine.Cores} CPUs, "
            + $"kernel {noise.Machine.Kernel}, {noise.From:yyyy-MM-dd}, {noise.Runs.Count} runs, {string.Join(", ", noise.Profiles)})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{gates} gates per pool and condition; reference: {settings.ReferenceIterations} iterations at level 1, fixed (a "
            + $"stored measurement); technique: {settings.Profile.Name} profile, {settings.Profile.Iterations} iterations then "
            + $"+{settings.Profile.Iterations} while undecided up to {settings.Profile.MostIterations}; residual deviations x sqrt(n/(n-1)) "
            + $"(unbiased for their measurement's own mean){(settings.Spread == 1 ? "" : $" x {settings.Spread:0.###}")}; "
            + $"{settings.Confidence:0.###} percentile bootstrap, {settings.Resamples} resamples."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Injected overhead x: technique level 1 - x (throughput, rate) or 1 + x (latency), so the true overhead is exactly x. "
            + $"Regression gate threshold {threshold:0.#} % ({budgets ?? "no baselines/budgets.json: default"}); budget gate at {StrictestBudgetPercent:0} %."));
        Console.WriteLine();
    }

    private static void Table(List<Row> rows, double threshold)
    {
        Console.WriteLine($"| {"scenario",-15} | {"metric",-15} | {"sd %",5} | {"inj %",5} || {"reg over",8} | {"within",6} | {"thin",5} | {"iters",5} "
            + $"|| {"bud over",8} | {"within",6} | {"thin",5} | {"iters",5} |");
        Console.WriteLine($"|{new string('-', 17)}|{new string('-', 17)}|{new string('-', 7)}|{new string('-', 7)}||{new string('-', 10)}|"
            + $"{new string('-', 8)}|{new string('-', 7)}|{new string('-', 7)}||{new string('-', 10)}|{new string('-', 8)}|{new string('-', 7)}|{new string('-', 7)}|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Pool.Scenario,-15} | {row.Pool.Metric,-15} | {row.Pool.StandardDeviation * 100,5:0.0} | {row.Injected,5:0} "
                + $"|| {Percent(row.Regression.OverRate),8} | {Percent(row.Regression.WithinRate),6} | {Percent(row.Regression.UndecidedRate),5} | {row.Regression.MeanIterations,5:0.0} "
                + $"|| {Percent(row.Budget.OverRate),8} | {Percent(row.Budget.WithinRate),6} | {Percent(row.Budget.UndecidedRate),5} | {row.Budget.MeanIterations,5:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reg: regression gate (over = flagged: estimate > {threshold:0.#} % and interval low > 0); bud: budget gate at 0 % "
            + $"(over = interval low > 0, within = interval high <= 0). thin = still undecided at the most iterations. "
            + $"iters = mean technique iterations. Over at 0 % injected is a false alarm; over at 5/10/25 % is a detection."));
    }

    private static void Summary(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("Per condition, over all pools (regression gate): mean and worst pool");
        foreach (var group in rows.GroupBy(r => r.Injected))
        {
            var aa = group.Key == 0;
            var worst = aa ? group.MaxBy(r => r.Regression.OverRate)! : group.MinBy(r => r.Regression.OverRate)!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key,2:0} %: {(aa ? "false alarms" : "detected")} mean {Percent(group.Average(r => r.Regression.OverRate))}, "
                + $"worst {Percent(worst.Regression.OverRate)} ({worst.Pool.Scenario} {worst.Pool.Metric}); "
                + $"thin evidence mean {Percent(group.Average(r => r.Regression.UndecidedRate))}, "
                + $"mean iterations {group.Average(r => r.Regression.MeanIterations):0.0}"));
        }

        var meeting = rows.GroupBy(r => r.Pool)
            .Where(g => g.Single(r => r.Injected == 0).Regression.OverRate <= 0.01 && g.Single(r => r.Injected == 10).Regression.OverRate >= 0.95)
            .Select(g => $"{g.Key.Scenario} {g.Key.Metric}")
            .ToList();
        Console.WriteLine($"Pools meeting A/A false alarms <= 1 % and 10 % detected >= 95 %: {meeting.Count} of {rows.Count / Injected.Length}"
            + (meeting.Count > 0 ? $" ({string.Join(", ", meeting)})" : ""));
    }

    internal static string Percent(double rate) => string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.0}%");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VirtNetPerf.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private sealed record Row(NoisePool Pool, double Injected, GateRates Regression, GateRates Budget);
}
