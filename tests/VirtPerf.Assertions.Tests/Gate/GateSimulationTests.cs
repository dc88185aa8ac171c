using FluentAssertions.Execution;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Benchmarks;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Gate;

/// <summary>The regression gate on this machine's recorded noise (Gate/Noise/noise.json): simulated gates with the
/// real bootstrap, verdict and adaptive code (benchmarks' GateSimulator, linked here), seeded so nothing can flake.</summary>
public sealed class GateSimulationTests
{
    private const int Gates = 1000;

    // 1000 resamples instead of the gate's 4000 (gate-simulation uses 4000): on TCP_RR and TCP_STREAM the rates move by
    // under half a point, and the simulation runs about four times faster.
    private const int Resamples = 1000;

    private static readonly Lazy<NoiseFile> Noise =
        new(() => NoiseFile.Load(Path.Combine(AppContext.BaseDirectory, "Gate", "Noise", "noise.json")));

    private static GateSettings Settings => GateSettings.Default with { Resamples = Resamples };

    /// <summary>The budget file's regression threshold, or 5 % where the checkout has none.</summary>
    private static double Threshold
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var budgets = Path.Combine(dir.FullName, "baselines", OverheadBudgets.FileName);
                if (File.Exists(Path.Combine(dir.FullName, "VirtNetPerf.sln")) && File.Exists(budgets))
                {
                    return OverheadBudgets.Load(budgets).RegressionPercent;
                }
            }

            return 5;
        }
    }

    [Fact]
    public void The_noise_file_names_its_machine_and_sources_and_its_counts_add_up()
    {
        var noise = Noise.Value;

        noise.Machine.Cores.Should().BePositive();
        noise.Fingerprints.Should().NotBeEmpty();
        noise.Runs.Should().NotBeEmpty();
        noise.From.Should().BeBefore(noise.To);
        noise.Pools.Select(p => (p.Scenario, p.Metric)).Should().OnlyHaveUniqueItems()
            .And.Contain([(Scenario.TCP_RR, Metric.TransactionRate), (Scenario.TCP_STREAM, Metric.Throughput)]);
        using var scope = new AssertionScope();
        foreach (var pool in noise.Pools)
        {
            pool.Files.Should().Be(pool.Measurements.Count, "{0} {1} counts its measurements", pool.Scenario, pool.Metric);
            pool.Iterations.Should().Be(pool.Residuals().Count, "{0} {1} counts its residuals", pool.Scenario, pool.Metric);
            pool.Techniques.Values.Sum(t => t.Files).Should().Be(pool.Files);
            pool.Measurements.Select(m => m.Run).Should().BeSubsetOf(noise.Runs);
            pool.Measurements.Should().AllSatisfy(m => m.Residuals.Average().Should().BeApproximately(1, 1e-5, "residuals are relative to their own mean"));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(25)]
    public void An_injected_overhead_is_exactly_the_true_overhead_of_the_technique_level(double injectedPercent)
    {
        foreach (var metric in NoiseFile.GatedMetrics)
        {
            Overhead.Percent(metric, GateSimulator.Level(metric, injectedPercent), 1).Should().BeApproximately(injectedPercent, 1e-9, "for {0}", metric);
        }
    }

    [Fact]
    public void The_same_seeds_give_the_same_rates()
    {
        var pool = Noise.Value.Pool(Scenario.TCP_RR, Metric.TransactionRate);

        GateSimulator.Regression(pool, 5, Threshold, 200, Settings).Should().Be(GateSimulator.Regression(pool, 5, Threshold, 200, Settings));
    }

    /// <summary>Every pool of the noise file: scenario and metric.</summary>
    public static TheoryData<Scenario, Metric> Pools()
    {
        var rows = new TheoryData<Scenario, Metric>();
        foreach (var pool in Noise.Value.Pools)
        {
            rows.Add(pool.Scenario, pool.Metric);
        }

        return rows;
    }

    /// <summary>
    /// What the gate achieves on this noise, pinned so it cannot silently get worse. Issue 6's target (at most 1 % A/A
    /// false alarms and 10 % detected in at least 95 % of gates within the adaptive profile's 20 iterations) is NOT met
    /// here: one 2 s iteration varies by 5-28 % on this shared 2-core machine, and a 5-iteration reference cannot
    /// resolve a 10 % change. `benchmarks/gate-simulation.sh` prints the whole table and the settings that would.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pools))]
    public void The_regression_gate_flags_larger_overheads_more_often_and_false_alarms_stay_under_ten_percent(
        Scenario scenario, Metric metric)
    {
        var pool = Noise.Value.Pool(scenario, metric);

        var rates = new[] { 0, 10, 25 }.Select(injected => GateSimulator.Regression(pool, injected, Threshold, Gates, Settings)).ToList();

        using var scope = new AssertionScope();
        rates[0].OverRate.Should().BeLessThan(0.10, "A/A: nothing changed ({0})", rates[0]);
        rates[1].OverRate.Should().BeGreaterThan(rates[0].OverRate + 0.1, "10 % is flagged more often than nothing ({0})", rates[1]);
        rates[2].OverRate.Should().BeGreaterThan(rates[1].OverRate, "25 % is flagged more often than 10 % ({0})", rates[2]);
    }

    [Fact]
    public void On_quiet_pools_a_25_percent_regression_is_caught_nearly_always()
    {
        foreach (var (scenario, metric) in new[] { (Scenario.TCP_RR, Metric.TransactionRate), (Scenario.MemcachedRead, Metric.LatencyP50) })
        {
            GateSimulator.Regression(Noise.Value.Pool(scenario, metric), 25, Threshold, Gates, Settings).OverRate
                .Should().BeGreaterThanOrEqualTo(0.95, "{0} {1}", scenario, metric);
        }
    }
}
