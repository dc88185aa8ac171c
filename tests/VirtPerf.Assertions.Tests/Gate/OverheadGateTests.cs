using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Gate;

public sealed class OverheadGateTests
{
    private static readonly Measurement Bare = Sample.Rr("BareMetal", 40000, 40400, 39600, 40200, 39800);

    private static OverheadBudgets Budgets(double percent, double regression = 5) =>
        new(OverheadBudgets.FormatName, 1, percent, [Metric.TransactionRate, Metric.LatencyP50], regression, []);

    [Theory]
    [InlineData(Metric.TransactionRate, 30000, 40000, 25.0)]   // a quarter of the rate lost
    [InlineData(Metric.LatencyP50, 30, 20, 50.0)]              // half again the latency
    [InlineData(Metric.LatencyP50, 15, 20, -25.0)]             // better than bare metal
    [InlineData(Metric.Throughput, 9000, 9000, 0.0)]
    public void Overhead_is_positive_when_worse_whichever_way_the_metric_goes(Metric metric, double technique, double bare, double percent)
    {
        Overhead.Percent(metric, technique, bare).Should().BeApproximately(percent, 1e-9);
    }

    [Fact]
    public void The_interval_holds_the_estimate_and_narrows_with_less_noise()
    {
        var noisy = Bootstrap.Overhead(Metric.TransactionRate, [30000, 36000, 24000, 33000, 27000], Bare.Values(Metric.TransactionRate));
        var quiet = Bootstrap.Overhead(Metric.TransactionRate, [30000, 30300, 29700, 30100, 29900], Bare.Values(Metric.TransactionRate));

        quiet.Estimate.Should().BeApproximately(25, 0.01);
        quiet.Low.Should().BeLessThan(quiet.Estimate);
        quiet.High.Should().BeGreaterThan(quiet.Estimate);
        (noisy.High - noisy.Low).Should().BeGreaterThan(5 * (quiet.High - quiet.Low));
        Bootstrap.Overhead(Metric.TransactionRate, [30000, 36000, 24000], [40000, 41000]).Should()
            .Be(Bootstrap.Overhead(Metric.TransactionRate, [30000, 36000, 24000], [40000, 41000]), "seeded: a verdict is reproducible");
    }

    [Theory]
    [InlineData(50, Outcome.WithinBudget)]   // ~25% overhead, interval well inside
    [InlineData(10, Outcome.OverBudget)]     // interval well above
    [InlineData(25, Outcome.Undecided)]      // the budget cuts the interval
    public void A_budget_is_met_missed_or_undecided_by_where_the_whole_interval_lies(double budget, Outcome outcome)
    {
        var technique = Sample.Rr("DockerNat", 30000, 30300, 29700, 30100, 29900);

        var verdict = OverheadGate.AgainstBudget(technique, Bare, Budgets(budget));

        verdict.Metrics.Select(m => m.Metric).Should().Equal(Metric.TransactionRate, Metric.LatencyP50);
        verdict.Metrics[0].Outcome.Should().Be(outcome);
        verdict.Fingerprint.Should().Be(Sample.Testbed.Id);
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
        budgets.For("DockerBridge", Scenario.TCP_RR, Metric.TransactionRate).Should().Be(100);
    }

    [Fact]
    public void A_regression_needs_significance_and_more_than_the_threshold_and_a_pass_must_rule_out_twice_the_threshold()
    {
        var accepted = Sample.Rr("DockerNat", 30000, 30300, 29700, 30100, 29900);

        OverheadGate.AgainstAccepted(Sample.Rr("DockerNat", 27000, 27300, 26700, 27100, 26900), accepted, Budgets(50)).Outcome
            .Should().Be(Outcome.OverBudget, "10% fewer transactions, clearly");
        OverheadGate.AgainstAccepted(Sample.Rr("DockerNat", 29400, 29700, 29100, 29500, 29300), accepted, Budgets(50)).Outcome
            .Should().Be(Outcome.WithinBudget, "2% is below the 5% threshold");
        OverheadGate.AgainstAccepted(Sample.Rr("DockerNat", 34000, 22000, 30000, 25000, 24000), accepted, Budgets(50)).Outcome
            .Should().Be(Outcome.Undecided, "worse by more than 5% on average, but too noisy to say");
        OverheadGate.AgainstAccepted(Sample.Rr("DockerNat", 31000, 27000, 30000, 33000, 29000), accepted, Budgets(50)).Outcome
            .Should().Be(Outcome.Undecided, "better on average, but a 10% regression is not ruled out by so few, so noisy iterations");
    }

    [Fact]
    public void The_adaptive_profile_adds_batches_while_undecided_up_to_its_most_and_then_flags_thin_evidence()
    {
        var undecided = OverheadGate.AgainstBudget(
            Sample.Rr("DockerNat", 30000, 30300, 29700, 30100, 29900), Bare, Budgets(25) with { GatedMetrics = [Metric.TransactionRate] });
        var decided = OverheadGate.AgainstBudget(Sample.Rr("DockerNat", 30000, 30300, 29700, 30100, 29900), Bare, Budgets(50));

        Adaptive.MoreIterations(undecided, 20, Profile.Adaptive).Should().Be(20);
        Adaptive.MoreIterations(undecided, 97, Profile.Adaptive).Should().Be(3);
        Adaptive.MoreIterations(undecided, 100, Profile.Adaptive).Should().Be(0);
        Adaptive.MoreIterations(undecided, 5, Profile.Quick).Should().Be(0, "quick is a fixed profile");
        Adaptive.MoreIterations(decided, 5, Profile.Adaptive).Should().Be(0);
        Adaptive.Final(undecided).ThinEvidence.Should().BeTrue();
        Adaptive.Final(decided).ThinEvidence.Should().BeFalse();
    }
}
