using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Statistics;

public sealed class WanderAcrossRunsTests
{
    // DockerBridge TCP_RR's transaction rate lost, 8 pairs each, in three main jobs of 2026-12-07 on this testbed
    // (/work/runs/study4, study5, study6 at 05:58, 06:31, 07:19): the first and the last do not overlap.
    private static readonly Interval At0558 = new(15.904, 14.727, 19.302, 0.95, 8);
    private static readonly Interval At0631 = new(12.4, 11.4, 16.4, 0.95, 8);
    private static readonly Interval At0719 = new(13.5, 10.7, 14.2, 0.95, 8);

    [Fact]
    public void A_first_run_has_no_wander_to_carry()
    {
        WanderAcrossRuns.Widen(Metric.TransactionRate, At0558, []).Should().Be(At0558);
    }

    [Fact]
    public void Recorded_runs_that_disagree_beyond_their_own_intervals_widen_the_newest_until_it_reaches_the_oldest()
    {
        At0719.High.Should().BeLessThan(At0558.Low, "the recorded runs disagree by themselves");

        var widened = WanderAcrossRuns.Widen(Metric.TransactionRate, At0719, [At0631, At0558]);

        widened.High.Should().BeGreaterThanOrEqualTo(At0558.Low);
        widened.Low.Should().BeLessThan(At0719.Low);
        widened.Estimate.Should().Be(At0719.Estimate);
        widened.Wander.Should().NotBeNull();
        widened.Wander!.Runs.Should().Be(3);
        widened.Wander.Spread.Should().BeInRange(0.005, 0.05, "a tau of 0.5-5% of cost: the runs' estimates lie 3.5 points apart");
        widened.WithinRow.Should().Be(At0719);
        widened.ToString().Should().Contain("wander between 3 runs on this testbed").And.Contain("this run's pairs alone +10.7% to +14.2%");
    }

    [Fact]
    public void Runs_that_agree_within_their_intervals_leave_it_as_it_was()
    {
        var today = new Interval(14.0, 10.0, 18.0, 0.95, 8);

        var widened = WanderAcrossRuns.Widen(Metric.TransactionRate, today, [new(14.5, 10.5, 18.5, 0.95, 8), new(13.5, 9.5, 17.5, 0.95, 8)]);

        widened.Wander!.Spread.Should().Be(0);
        (widened.Low, widened.High).Should().Be((today.Low, today.High));
    }

    [Fact]
    public void Earlier_runs_count_with_their_own_interval_not_the_one_their_wander_widened()
    {
        var widenedEarlier = new Interval(15.9, 0, 30, 0.95, 8, Wander: new Wander(3, 0.1, At0558));

        var fromOwn = WanderAcrossRuns.Widen(Metric.TransactionRate, At0719, [At0558]);
        var fromWidened = WanderAcrossRuns.Widen(Metric.TransactionRate, At0719, [widenedEarlier]);

        fromWidened.Should().Be(fromOwn);
    }

    [Fact]
    public void Runs_without_finite_ends_are_left_out_and_today_without_them_stays_as_it_is()
    {
        var noInterval = new Interval(40, double.NegativeInfinity, double.PositiveInfinity, 0.95, 4);

        WanderAcrossRuns.Widen(Metric.TransactionRate, At0719, [noInterval]).Should().Be(At0719);
        WanderAcrossRuns.Widen(Metric.TransactionRate, noInterval, [At0558, At0631]).Should().Be(noInterval);
    }

    [Theory]
    [InlineData(Metric.TransactionRate, 12.5)]
    [InlineData(Metric.TransactionRate, -30)]
    [InlineData(Metric.LatencyP50, 612)]
    [InlineData(Metric.LatencyP50, -40)]
    public void Percent_and_log_cost_ratio_are_inverses(Metric metric, double percent)
    {
        Overhead.FromLogRatio(metric, Overhead.ToLogRatio(metric, percent)).Should().BeApproximately(percent, 1e-9);
    }

    [Fact]
    public void A_latency_wander_widens_in_log_cost_so_the_high_end_moves_further_than_the_low()
    {
        var today = new Interval(600, 500, 700, 0.95, 8);

        var widened = WanderAcrossRuns.Widen(Metric.LatencyP50, today, [new(1200, 1000, 1400, 0.95, 8), new(900, 800, 1000, 0.95, 8)]);

        (widened.High - today.High).Should().BeGreaterThan(today.Low - widened.Low);
    }
}
