using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Benchmarks;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using Xunit.Abstractions;

namespace VirtPerf.Rows.Tests.Replay;

/// <summary>
/// The gate's method pinned on real series: A/A gates recorded on this testbed by benchmarks/calibration.sh (bare metal
/// paired with bare metal, every iteration in order, while the machine also did other work), replayed in order through
/// today's gate code. What is asserted is coverage and false alarms, never a wall clock.
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<CalibrationGate>> Recorded =
        new(() => CalibrationGate.Read(new[] { "aa.jsonl.gz", "aa5.jsonl.gz" }.Select(f => Path.Combine(AppContext.BaseDirectory, "Replay", "Recorded", f))));

    private static readonly OverheadBudgets Budgets = new(
        OverheadBudgets.FormatName, 1, DefaultPercent: 100, [Metric.Throughput, Metric.TransactionRate, Metric.LatencyP50], 5, []);

    [Fact]
    public void The_recorded_gates_are_real_A_A_series_with_their_accepted_overheads()
    {
        var gates = Recorded.Value;

        gates.Where(g => g.Kind == "aa").Should().HaveCountGreaterThanOrEqualTo(MinimumGates);
        gates.Select((g, i) => (Gate: g, Before: gates.Take(i))).Where(x => x.Gate.Kind == "aa").Should().OnlyContain(
            x => x.Before.Any(a => a.Kind == "accepted" && a.Scenario == x.Gate.Scenario),
            "the regression verdict replays against the overhead accepted before it");
        gates.Should().OnlyContain(g => g.Technique.Count == g.BareMetal.Count && g.Technique.Count >= 6);
    }

    [Fact]
    public void The_stated_95_percent_holds_on_recorded_A_A_gates_and_the_regression_rule_stays_quiet()
    {
        var judged = VirtPerf.Benchmarks.Replay.Rejudge(Recorded.Value, Budgets, Profile.Quick).Where(g => g.Kind == "aa").ToList();
        var budget = judged.SelectMany(g => g.Verdicts.Single(v => v.Kind == "budget").Metrics).ToList();
        var regression = judged.SelectMany(g => g.Verdicts.Single(v => v.Kind == "regression").Metrics).ToList();
        foreach (var g in judged.Where(g => g.Verdicts.Single(v => v.Kind == "regression").Outcome == Outcome.OverBudget))
        {
            output.WriteLine($"flagged: {g.Scenario} round {g.Round}: {string.Join("; ", g.Verdicts.Single(v => v.Kind == "regression").Metrics)}");
        }


        var held = budget.Count(m => m.Overhead.Low <= 0 && 0 <= m.Overhead.High) / (double)budget.Count;
        var flagged = regression.Count(m => m.Outcome == Outcome.OverBudget) / (double)regression.Count;
        output.WriteLine($"{judged.Count} gates, {budget.Count} intervals: {held:P1} hold 0; {flagged:P1} of {regression.Count} regression verdicts flagged");

        held.Should().BeGreaterThanOrEqualTo(MinimumCoverage);
        flagged.Should().BeLessThanOrEqualTo(MostFalseAlarms);
    }

    [Fact]
    public void On_the_recorded_series_taking_pairs_as_independent_would_claim_more_than_it_holds()
    {
        // Each A/A gate's pairs at the length the gate ran, every judged metric: the gate's effective n against a plain
        // t interval that takes the pairs as independent.
        var series = Recorded.Value.Where(g => g.Kind == "aa")
            .SelectMany(g => Budgets.GatedMetrics.Where(m => g.Technique[0].Metrics.ContainsKey(m)).Select(m => OverheadIntervals.LogRatios(
                m, g.Technique.Select(i => i.Metrics[m]).ToList(), g.BareMetal.Select(i => i.Metrics[m]).ToList())))
            .Where(pairs => pairs.Count >= SerialSample.FewestForAutocorrelation)
            .ToList();
        double Held(SerialCorrection correction) => series.Count(pairs =>
        {
            var s = SerialSample.Of(pairs, correction);
            var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, s.DegreesOfFreedom, 0.975) * s.StandardError;
            return Math.Abs(s.Mean) <= half;
        }) / (double)series.Count;

        output.WriteLine($"{series.Count} series of 16 pairs or more: the gate holds {Held(SerialCorrection.Default):P1}, independence {Held(SerialCorrection.None):P1}");
        series.Count.Should().BeGreaterThanOrEqualTo(20);
        Held(SerialCorrection.Default).Should().BeGreaterThan(Held(SerialCorrection.None));
    }

    // The acceptance of the gate on these recordings (aa: 74 A/A gates over 128 minutes, load 0.9-41 on 2 CPUs, before
    // the PM QoS request; aa5: 132 gates over 112 minutes with it; together 96.5% of 339 intervals hold 0, 2 regression
    // verdicts flagged; see baselines/README.md for the full calibration).
    private const int MinimumGates = 200;
    private const double MinimumCoverage = 0.94;
    private const double MostFalseAlarms = 0.01;
}
