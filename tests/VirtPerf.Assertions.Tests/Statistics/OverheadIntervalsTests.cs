using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Statistics;

public sealed class OverheadIntervalsTests
{
    [Theory]
    [InlineData(6, 0, 5)]    // the smallest and the largest: 1 - 2/64 = 96.9%
    [InlineData(12, 2, 9)]   // 1 - 2 P(B <= 2) = 96.1%
    [InlineData(30, 9, 20)]  // 1 - 2 P(B <= 9) = 95.7%
    [InlineData(5, -1, -1)]  // five figures cannot bound a median at 95%
    public void Independent_figures_bound_their_median_by_the_sign_tests_exact_ranks(int n, int low, int high)
    {
        OverheadIntervals.MedianRanks(n, n, 0.95).Should().Be((low, high));
    }

    [Fact]
    public void Correlated_figures_reach_further_ranks()
    {
        var (low, high) = OverheadIntervals.MedianRanks(30, effectiveN: 10, 0.95);

        low.Should().BeLessThan(9);
        high.Should().Be(29 - low);
    }

    [Fact]
    public void Figures_too_correlated_to_bound_a_median_say_what_they_are_worth()
    {
        // The technique falls behind steadily over the row: every pair follows its neighbour.
        var technique = Enumerable.Range(0, 30).Select(i => 100 * Math.Exp(-0.01 * i)).ToList();

        var interval = OverheadIntervals.Paired(Metric.TransactionRate, technique, Enumerable.Repeat(100.0, 30).ToList(), 0.95);

        interval.EffectiveN.Should().BeLessThan(6);
        interval.ToString().Should().Match("*(no 95% CI from 30 figures worth * independent ones: too few)");
    }

    [Fact]
    public void A_spike_on_one_side_of_a_few_pairs_moves_neither_the_overhead_nor_its_interval_much()
    {
        // Bare metal at 10 us, the technique at 13 us (+30%), and three pairs where a neighbour made one side 20x slower.
        var bare = Enumerable.Repeat(10.0, 20).Select((v, i) => v * (1 + (i % 3 * 0.01))).ToArray();
        var technique = bare.Select(b => b * 1.3).ToArray();
        technique[4] *= 20;
        bare[9] *= 20;
        technique[15] *= 20;

        var interval = OverheadIntervals.Paired(Metric.LatencyP50, technique, bare, 0.95);

        interval.Estimate.Should().BeApproximately(30, 0.5);
        interval.Low.Should().BeGreaterThan(29);
        interval.High.Should().BeLessThan(31);
    }

    [Fact]
    public void A_change_is_the_shift_between_two_series_with_its_interval()
    {
        var accepted = Enumerable.Range(0, 40).Select(i => Math.Log(1.3) + ((i % 5) - 2) * 0.01).ToList();
        var today = Enumerable.Range(0, 12).Select(i => Math.Log(1.3 * 1.1) + ((i % 3) - 1) * 0.01).ToList();

        var change = OverheadIntervals.Difference(Metric.LatencyP50, today, accepted, 0.99);

        change.Estimate.Should().BeApproximately(10, 0.5, "today costs 10% more than accepted");
        change.Low.Should().BeGreaterThan(5);
        change.High.Should().BeLessThan(15);
    }
}
