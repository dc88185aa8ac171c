using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Gate;

public sealed class OverheadGateTests
{
    // Bare metal drifting by 20% over the row; the technique costs 25% of the rate in every pair.
    private static readonly double[] Drift = [40000, 38000, 36000, 34000, 32000, 34000, 36000, 38000];
    private static readonly Measurement Bare = Sample.Rr("BareMetal", Drift);
    private static readonly Measurement Nat = Sample.Rr("DockerNat", Wobble(Drift, 0.75));

    // Batches of 6 pairs up to 30, whatever the default profile's numbers.
    private static readonly Profile Batches = new("test", Iterations: 6, IterationSeconds: 1, WarmUpSeconds: 1, MaxIterations: 30);

    // A rule naming DockerNat: its description's own budget would otherwise come before the file's default.
    private static OverheadBudgets Budgets(double percent, double regression = 5) =>
        new(OverheadBudgets.FormatName, 1, percent, [Metric.TransactionRate, Metric.LatencyP50], regression, [new BudgetRule(percent, "DockerNat")]);

    [Theory]
    [InlineData(Metric.TransactionRate, 30000, 40000, 25.0)]   // a quarter of the rate lost
    [InlineData(Metric.LatencyP50, 30, 20, 50.0)]              // half again the latency
    [InlineData(Metric.LatencyP50, 15, 20, -25.0)]             // better than bare metal
    [InlineData(Metric.Throughput, 9000, 9000, 0.0)]
    public void Overhead_is_positive_when_worse_whichever_way_the_metric_goes(Metric metric, double technique, double bare, double percent)
    {
        Overhead.Percent(metric, technique, bare).Should().BeApproximately(percent, 1e-9);
        Overhead.FromLogRatio(metric, Overhead.LogRatio(metric, technique, bare)).Should().BeApproximately(percent, 1e-9);
    }

    [Fact]
    public void A_zero_figure_reads_as_everything_lost_not_as_infinity()
    {
        Overhead.FromLogRatio(Metric.Throughput, Overhead.LogRatio(Metric.Throughput, 0, 9000)).Should().BeApproximately(100, 1e-6);
        Overhead.LogRatio(Metric.Throughput, 0, 0).Should().Be(0);
    }

    [Fact]
    public void Pairing_cancels_drift_that_hits_both_sides()
    {
        var paired = OverheadIntervals.Paired(Metric.TransactionRate, Nat.Values(Metric.TransactionRate), Drift, 0.95);
        var unpaired = OverheadIntervals.Difference(
            Metric.TransactionRate, OverheadIntervals.LogCosts(Metric.TransactionRate, Nat.Values(Metric.TransactionRate)),
            OverheadIntervals.LogCosts(Metric.TransactionRate, Drift), 0.95);

        paired.Estimate.Should().BeApproximately(25, 0.5);
        paired.Low.Should().BeGreaterThan(23).And.BeLessThan(25);
        paired.High.Should().BeGreaterThan(25).And.BeLessThan(27);
        (unpaired.High - unpaired.Low).Should().BeGreaterThan(5 * (paired.High - paired.Low), "the drift is noise to an unpaired comparison");
        paired.N.Should().Be(8);
    }

    [Fact]
    public void An_earlier_run_that_read_another_overhead_widens_todays_interval_and_can_leave_it_undecided()
    {
        var budgets = Budgets(28);
        var alone = OverheadGate.AgainstBudget(Nat, Bare, budgets);
        var earlier = OverheadGate.AgainstBudget(Sample.Rr("DockerNat", Wobble(Drift, 0.68)), Bare, Budgets(50)); // 32% lost then

        var verdict = OverheadGate.AgainstBudget(Nat, Bare, budgets, earlier: [earlier]);

        alone.Metrics.Single(m => m.Metric == Metric.TransactionRate).Outcome.Should().Be(Outcome.WithinBudget, "today's pairs alone lose under 28% of the rate");
        var rate = verdict.Metrics.Single(m => m.Metric == Metric.TransactionRate);
        rate.Overhead.High.Should().BeGreaterThan(28);
        rate.Overhead.WithinRow.Should().Be(alone.Metrics.Single(m => m.Metric == Metric.TransactionRate).Overhead);
        rate.Outcome.Should().Be(Outcome.Undecided, "across runs the overhead is not known to stay under the budget");
        verdict.Note.Should().EndWith("intervals include the wander between this run and 1 earlier run of the row on this testbed");
    }

    [Theory]
    [InlineData(50, Outcome.WithinBudget)]   // ~25% overhead, interval well inside
    [InlineData(10, Outcome.OverBudget)]     // interval well above
    [InlineData(25, Outcome.Undecided)]      // the budget cuts the interval
    public void A_budget_is_met_missed_or_undecided_by_where_the_whole_interval_lies(double budget, Outcome outcome)
    {
        var verdict = OverheadGate.AgainstBudget(Nat, Bare, Budgets(budget));

        verdict.Metrics.Select(m => m.Metric).Should().Equal(Metric.TransactionRate, Metric.LatencyP50);
        verdict.Metrics[0].Outcome.Should().Be(outcome);
        verdict.Fingerprint.Should().Be(Sample.Testbed.Id);
        verdict.Note.Should().StartWith("paired");
    }

    [Fact]
    public void A_paired_verdict_needs_as_many_bare_metal_iterations_as_technique_iterations()
    {
        var act = () => OverheadGate.AgainstBudget(Nat, Sample.Rr("BareMetal", 40000, 41000), Budgets(50));

        act.Should().Throw<ArgumentException>().WithMessage("*as many bare-metal iterations as technique iterations*8 and 2*");
    }

    [Fact]
    public void The_stored_mode_compares_with_a_baseline_of_any_length_and_says_so()
    {
        var verdict = OverheadGate.AgainstStoredBaseline(Nat, Sample.Rr("BareMetal", 40000, 39000, 41000), Budgets(100));

        verdict.Note.Should().StartWith("stored baseline");
        verdict.Metrics[0].Iterations.Should().Be(8);
        verdict.Metrics[0].ReferenceIterations.Should().Be(3);
    }

    [Fact]
    public void The_most_specific_rule_decides_and_the_later_of_equals()
    {
        var budgets = Budgets(100) with
        {
            Rules =
            [
                new BudgetRule(150, Technique: "DockerNat"),
                new BudgetRule(80, Technique: "DockerNat", Metric: "LatencyP50"),
                new BudgetRule(90, Technique: "DockerNat", Metric: "LatencyP50"),
                new BudgetRule(300, Metric: "LatencyP50"),
            ],
        };

        budgets.For("DockerNat", Scenario.TCP_RR, Metric.LatencyP50).Should().Be(90);
        budgets.For("DockerNat", Scenario.TCP_RR, Metric.TransactionRate).Should().Be(150);
        budgets.For("DockerBridge", Scenario.TCP_RR, Metric.LatencyP50).Should().Be(300);
        budgets.For("DockerBridge", Scenario.TCP_RR, Metric.TransactionRate).Should().Be(150, "DockerBridge's description budgets 150% where no rule names it");
        budgets.For("BareMetal", Scenario.TCP_RR, Metric.TransactionRate).Should().Be(100, "bare metal brings no budget: the file's default");
        (budgets with { Rules = [new BudgetRule(20, "DockerBridge")] }).For("DockerBridge", Scenario.TCP_RR, Metric.TransactionRate)
            .Should().Be(20, "a rule of the file as specific as the technique's own budget wins");
    }

    [Fact]
    public void A_regression_must_exceed_the_threshold_at_the_stated_confidence_and_a_pass_must_rule_out_twice_the_threshold()
    {
        // Accepted: 25% of the rate lost, on another day's bare metal (20% faster): that drift must not count.
        var accepted = AcceptedOverhead.Of(Nat, Sample.Rr("BareMetal", Wobble(Drift, 1)));
        var otherDay = Wobble(Drift, 1.2);
        Verdict Today(double costRatio, double noise = 0) =>
            OverheadGate.AgainstAccepted(Sample.Rr("DockerNat", Wobble(otherDay, costRatio, noise)), Sample.Rr("BareMetal", otherDay), accepted, Budgets(50));

        Today(0.75 * 0.9).Outcome.Should().Be(Outcome.OverBudget, "10% fewer transactions than accepted, clearly");
        Today(0.75 * 0.98).Outcome.Should().Be(Outcome.WithinBudget, "2% is below the 5% threshold");
        Today(0.75).Metrics[0].Overhead.Estimate.Should().BeApproximately(0, 0.5, "bare metal's drift between the dates cancels");
        Today(0.75 * 0.92, noise: 0.15).Outcome.Should().Be(Outcome.Undecided, "worse by more than 5% on average, but too noisy to say");
        var edge = Today(0.75 * 0.93, noise: 0.03).Metrics[0].Overhead;
        (edge.Low, edge.Estimate).Should().Match<(double Low, double Estimate)>(
            c => c.Low > 0 && c.Low < 5 && c.Estimate > 5, "significantly worse, by more than 5% on average, not surely by 5%");
        Today(0.75 * 0.93, noise: 0.03).Outcome.Should().Be(Outcome.Undecided, "a regression must exceed the threshold at the stated confidence");
    }

    [Fact]
    public void A_metric_with_a_figure_of_0_is_not_compared_with_the_accepted_overhead_and_the_note_says_so()
    {
        // Accepted: the technique's rate was 0 in two pairs (a capacity search that met the SLO at no rate, say); today
        // it is 2% of bare metal's. As logs that is a change of the floor's billions of percent, not of the technique.
        var accepted = AcceptedOverhead.Of(Sample.Rr("DockerNat", [0, 0, .. Wobble(Drift, 0.02)[2..]]), Bare);
        var today = Sample.Rr("DockerNat", Wobble(Drift, 0.02));

        var verdict = OverheadGate.AgainstAccepted(today, Bare, accepted, Budgets(50) with { GatedMetrics = [Metric.TransactionRate] });
        var compared = OverheadGate.AgainstAccepted(today, Bare, AcceptedOverhead.Of(today, Bare), Budgets(50) with { GatedMetrics = [Metric.TransactionRate] });

        verdict.Metrics.Should().BeEmpty();
        verdict.Note.Should().Contain("TransactionRate not compared: a figure of 0");
        compared.Metrics.Should().ContainSingle().Which.Overhead.Estimate.Should().BeApproximately(0, 1e-9, "without a 0 the change is compared");
        compared.Note.Should().NotContain("not compared");
    }

    [Fact]
    public void The_adaptive_rule_adds_batches_while_undecided_up_to_the_profiles_most_and_then_flags_thin_evidence()
    {
        var undecided = OverheadGate.AgainstBudget(Nat, Bare, Budgets(25) with { GatedMetrics = [Metric.TransactionRate] });
        var decided = OverheadGate.AgainstBudget(Nat, Bare, Budgets(50));
        var fixedProfile = Batches with { MaxIterations = null };

        Adaptive.MoreIterations(undecided, 6, Batches).Should().Be(6);
        Adaptive.MoreIterations(undecided, 27, Batches).Should().Be(3);
        Adaptive.MoreIterations(undecided, 30, Batches).Should().Be(0);
        Adaptive.MoreIterations(undecided, 6, fixedProfile).Should().Be(0, "a profile without most iterations is fixed");
        Adaptive.MoreIterations(decided, 6, Batches).Should().Be(0);
        Adaptive.Final(undecided).ThinEvidence.Should().BeTrue();
        Adaptive.Final(decided).ThinEvidence.Should().BeFalse();
    }

    [Fact]
    public async Task The_adaptive_loop_measures_until_decided_or_at_the_most()
    {
        var batches = new List<int>();
        var have = 6;
        var verdicts = await Adaptive.RunAsync(
            () => [OverheadGate.AgainstBudget(Nat, Bare, Budgets(have < 18 ? 25 : 50) with { GatedMetrics = [Metric.TransactionRate] })],
            () => have, Batches, more => { batches.Add(more); have += more; return Task.CompletedTask; });

        batches.Should().Equal(6, 6);
        verdicts.Single().ThinEvidence.Should().BeFalse();
    }

    /// <summary><paramref name="level"/> times each figure, times 1 +- <paramref name="noise"/> alternately.</summary>
    private static double[] Wobble(double[] figures, double level, double noise = 0.01) =>
        figures.Select((f, i) => f * level * (1 + (i % 2 == 0 ? noise : -noise))).ToArray();
}
