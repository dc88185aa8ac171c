using HdrHistogram;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>The capacity search on a modelled memcached whose 99th percentile grows as a queue's does towards its
/// saturation rate: where it ends, what it costs, and that noise at the edge does not move it.</summary>
public sealed class CapacitySearchTests
{
    private const double Saturation = 40_000; // requests/s the model serves at most
    private static readonly SearchTarget Slo = new(99, 500);

    /// <summary>p99 = 50 us / (1 - load): 500 us at 90% of saturation, so the true capacity is 36000/s.</summary>
    private static double ModelP99(double qps) => qps >= Saturation ? 100_000 : 50 / (1 - (qps / Saturation));

    [Fact]
    public void The_search_ends_within_its_resolution_below_the_rate_where_the_percentile_crosses_the_limit()
    {
        var offered = new List<double>();

        var found = CapacitySearch.Run(Slo, qps =>
        {
            offered.Add(qps);
            return Point(qps == 0 ? Saturation : qps, ModelP99(qps == 0 ? Saturation : qps));
        });

        found.Offered.Should().BeInRange(36_000 / (1 + CapacitySearch.Resolution), 36_000);
        found.FirstFailing.Should().BeGreaterThan(36_000).And.BeLessThanOrEqualTo(found.Offered * (1 + CapacitySearch.Resolution));
        found.Capacity.Should().Be(found.AtCapacity!.Qps);
        found.Peak.Should().Be(Saturation);
        offered[0].Should().Be(0, "the closed loop's peak comes first");
        found.Probes.Should().Be(offered.Count).And.BeLessThan(20);
    }

    [Fact]
    public void A_spike_in_one_point_does_not_move_the_capacity()
    {
        // Every third measurement of a point is 3x slower (a neighbour's burst): alone it would fail a rate that meets the SLO.
        var calls = 0;
        var found = CapacitySearch.Run(Slo, qps =>
        {
            var rate = qps == 0 ? Saturation : qps;
            var spike = ++calls % 3 == 0 ? 3 : 1;
            return Point(rate, ModelP99(rate) * spike);
        });

        found.Offered.Should().BeInRange(36_000 / (1 + (2 * CapacitySearch.Resolution)), 36_000);
    }

    [Fact]
    public void A_closed_loop_that_meets_the_limit_does_not_decide_open_loop_rates_up_to_the_peak_do()
    {
        // The closed loop's p99 meets the limit at its peak; open-loop rates meet it only below 9000/s.
        var offered = new List<double>();

        var found = CapacitySearch.Run(Slo, qps =>
        {
            offered.Add(qps);
            return Point(qps == 0 ? 12_000 : qps, qps is 0 or < 9_000 ? 80 : 2_000);
        });

        found.Peak.Should().Be(12_000);
        found.Offered.Should().BeInRange(9_000 / (1 + CapacitySearch.Resolution), 9_000);
        offered.Skip(1).Should().OnlyContain(qps => qps > 0, "only open-loop rates are judged");
    }

    [Fact]
    public void When_every_open_loop_rate_meets_the_limit_the_capacity_ends_within_resolution_of_the_peak()
    {
        var found = CapacitySearch.Run(Slo, qps => Point(qps == 0 ? 12_000 : qps, 80));

        found.Offered.Should().BeInRange(12_000 / (1 + CapacitySearch.Resolution), 12_000);
        found.FirstFailing.Should().Be(12_000, "no rate failed: the peak bounds it");
    }

    [Fact]
    public void When_no_rate_meets_the_limit_the_capacity_is_zero_and_the_search_stops_at_a_hundredth_of_the_peak()
    {
        var offered = new List<double>();

        var found = CapacitySearch.Run(Slo, qps =>
        {
            offered.Add(qps);
            return Point(qps == 0 ? 5_000 : qps, 2_000);
        });

        (found.Capacity, found.Offered, found.AtCapacity).Should().Be((0.0, 0.0, (LoadResult?)null));
        offered.Skip(1).Min().Should().BeGreaterThanOrEqualTo(5_000 * CapacitySearch.LowestShare / 2);
        found.FirstFailing.Should().BeLessThanOrEqualTo(5_000 * CapacitySearch.LowestShare);
    }

    [Fact]
    public void Mutilates_rule_answers_the_closed_loops_peak_when_its_percentile_meets_the_limit()
    {
        // As A_closed_loop_that_meets_the_limit_does_not_decide...: the suite's rule finds 9000/s there, Mutilate's the peak.
        var found = CapacitySearch.RunAsMutilate(Slo, qps => SentPoint(qps == 0 ? 12_000 : qps, qps is 0 or < 9_000 ? 80 : 2_000));

        (found.Capacity, found.Offered, found.Peak, found.Probes).Should().Be((12_000.0, 0.0, 12_000.0, 1));
    }

    [Fact]
    public void Mutilates_rule_bisects_one_point_each_by_the_gets_percentile_from_their_send()
    {
        var offered = new List<double>();

        var found = CapacitySearch.RunAsMutilate(Slo, qps =>
        {
            offered.Add(qps);
            var rate = qps == 0 ? Saturation : qps;
            return SentPoint(rate, ModelP99(rate));
        });

        found.Capacity.Should().BeInRange(36_000 * 0.96, 36_000, "2% of bisection, then 2% steps down while the last point misses");
        found.AtCapacity!.Read!.P99.Should().BeLessThanOrEqualTo(500);
        offered.Should().HaveCount(found.Probes).And.HaveCountLessThan(25, "one point per rate, no repeats at the edge");
    }

    [Fact]
    public void Mutilates_rule_answers_its_last_point_even_when_no_rate_met_the_limit()
    {
        var found = CapacitySearch.RunAsMutilate(Slo, qps => SentPoint(qps == 0 ? 5_000 : qps, 2_000));

        found.Capacity.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(5_000 * 0.1, "it stops once the rate falls to a tenth of the peak");
        found.AtCapacity!.Read!.P99.Should().BeGreaterThan(500, "the answer missed the limit; Mutilate prints it all the same");
    }

    [Fact]
    public void Mutilates_rule_refuses_a_percentile_the_summary_does_not_keep()
    {
        var act = () => CapacitySearch.RunAsMutilate(new SearchTarget(99.5, 500), qps => SentPoint(1_000, 80));

        act.Should().Throw<ArgumentException>().WithMessage("*one of 1, 5, 10, 50, 90, 95, 99, 99.9, not 99.5.");
    }

    [Theory]
    [InlineData(1000, 5000, 1000, new double[] { 1000, 2000, 3000, 4000, 5000 })]
    [InlineData(1000, 4500, 1000, new double[] { 1000, 2000, 3000, 4000 })]
    [InlineData(0.5, 1.5, 0.5, new double[] { 0.5, 1, 1.5 })]
    public void A_sweep_runs_from_min_to_max_in_steps_as_mutilates_scan(double min, double max, double step, double[] rates) =>
        new ScanRange(min, max, step).Rates().Should().Equal(rates);

    /// <summary>One second at <paramref name="qps"/> whose 99th percentile is <paramref name="p99"/> us (the rest 40 us),
    /// from the intended send time, as the suite's search reads it.</summary>
    private static LoadResult Point(double qps, double p99) =>
        new(1, (long)qps, 0, 0, 0, 0, 0, 0, null, null, null, null, LatencyLog.Write([Histogram(p99)]));

    /// <summary>The same as the gets' latency from their send, as Mutilate's search reads it.</summary>
    private static LoadResult SentPoint(double qps, double p99) =>
        new(1, (long)qps, 0, 0, 0, 0, 0, 0, null, LatencySummary.Of(Histogram(p99)), null, null);

    private static LongHistogram Histogram(double p99)
    {
        var histogram = new LongHistogram(60_000_000_000, 3);
        histogram.RecordValueWithCount(40_000, 98);
        histogram.RecordValueWithCount((long)(p99 * 1000), 2);
        return histogram;
    }
}
