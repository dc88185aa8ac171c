using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Gate;

public sealed class MeasurementAssertionsTests
{
    private static readonly Measurement Bare = Sample.Rr("BareMetal", 40000, 40400, 39600, 40200, 39800, 40100);
    private static readonly Measurement Nat = Sample.Rr("DockerNat", 30000, 30300, 29700, 30100, 29900, 30000);

    private static OverheadBudgets Budgets(double percent) =>
        new(OverheadBudgets.FormatName, 1, percent, [Metric.TransactionRate, Metric.LatencyP50], 5, [new BudgetRule(percent, "DockerNat")]);

    [Fact]
    public void A_row_within_budget_passes_and_hands_over_its_verdict()
    {
        var verdict = Nat.Should().StayWithinBudget(Budgets(50), Bare).Which;

        verdict.Outcome.Should().Be(Outcome.WithinBudget);
    }

    [Fact]
    public void A_verdict_beside_too_much_other_work_is_undecided_and_does_not_fail_even_over_budget()
    {
        var over = OverheadGate.AgainstBudget(Nat, Bare, Budgets(10));
        over.Outcome.Should().Be(Outcome.OverBudget);
        var busy = over with { Noise = new HostNoise(1.5, 2.5, 0, 2, OtherWorkPercent: 40), HostBusy = true };

        busy.Outcome.Should().Be(Outcome.Undecided);
        Nat.Should().Invoking(s => s.Pass(busy)).Should().NotThrow();
        Nat.Should().Invoking(s => s.Pass(over)).Should().Throw<Exception>();
    }

    [Fact]
    public void Every_failing_metric_of_a_row_appears_in_one_message_with_its_numbers()
    {
        var act = () => Nat.Should().StayWithinBudget(Budgets(10), Bare, "the {0} gate says so", "CI");

        var message = act.Should().Throw<Exception>().Which.Message;
        message.Should().StartWith($"Expected DockerNat TCP_RR to stay within its overhead budgets on testbed {Sample.Testbed.Id} because the CI gate says so, but 2 metrics are over:")
            .And.MatchRegex(@"TransactionRate: overhead \+25\.0% \(95% CI \+2\d\.\d% to \+2\d\.\d%\), budget 10%, n = 6 vs 6 \(autocorrelation 0\.\d\d, effective n \d\.\d; A/A noise \d\.\d% per iteration\): OverBudget")
            .And.MatchRegex(@"LatencyP50: overhead \+33\.\d% \(95% CI \+3\d\.\d% to \+3\d\.\d%\), budget 10%, n = 6 vs 6 .*: OverBudget")
            .And.Contain("note: paired: bare metal measured alternately in the same row");
    }

    [Fact]
    public void An_undecided_metric_does_not_fail_the_row()
    {
        var rateOnly = Budgets(25) with { GatedMetrics = [Metric.TransactionRate] };

        Nat.Should().StayWithinBudget(rateOnly, Bare).Which.Outcome.Should().Be(Outcome.Undecided);
    }

    [Fact]
    public void One_metric_can_be_asserted_alone()
    {
        var budgets = Budgets(10) with { Rules = [new BudgetRule(10, "DockerNat"), new BudgetRule(50, "DockerNat", Metric: "LatencyP50")] };

        Nat.Should().StayWithinBudget(budgets, Bare, Metric.LatencyP50).Which.Metrics.Should().ContainSingle();
        var act = () => Nat.Should().StayWithinBudget(budgets, Bare, Metric.TransactionRate);
        act.Should().Throw<Exception>().WithMessage("*1 metric is over:*TransactionRate*budget 10%*");
    }

    [Fact]
    public void A_regression_from_the_accepted_overhead_fails_with_its_numbers()
    {
        var worse = Sample.Rr("DockerNat", 24000, 24200, 23800, 24100, 23900, 24000);

        var act = () => worse.Should().NotRegressFrom(AcceptedOverhead.Of(Nat, Bare), Bare, Budgets(100));

        act.Should().Throw<Exception>()
            .WithMessage("Expected DockerNat TCP_RR not to regress from its last accepted measurement on testbed *, but 2 metrics are over:*TransactionRate: overhead +20.0%*budget 5%*against the overhead accepted*");
    }
}
