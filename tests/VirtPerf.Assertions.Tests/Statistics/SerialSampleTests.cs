using VirtPerf.Assertions.Statistics;

namespace VirtPerf.Assertions.Tests.Statistics;

public sealed class SerialSampleTests
{
    [Fact]
    public void A_long_correlated_series_is_worth_fewer_independent_figures()
    {
        var series = Ar1(rho: 0.6, n: 400, seed: 7);

        var sample = SerialSample.Of(series);

        sample.Autocorrelation.Should().BeApproximately(0.6, 0.1);
        sample.EffectiveN.Should().BeApproximately(400 * (1 - sample.Autocorrelation) / (1 + sample.Autocorrelation), 1e-9);
        sample.EffectiveN.Should().BeLessThan(150);
        SerialSample.Of(series, SerialCorrection.None).EffectiveN.Should().Be(400);
    }

    [Fact]
    public void A_short_series_is_not_judged_by_a_chance_autocorrelation()
    {
        var trending = new double[] { 1, 2, 3, 4, 5, 6, 7, 8 };

        SerialSample.Of(trending).EffectiveN.Should().Be(8, "fewer than 16 figures: the t quantile of 7 degrees of freedom carries it");
        SerialSample.Of(trending, SerialCorrection.FullBias).Autocorrelation.Should().Be(SerialSample.MostAutocorrelation);
    }

    [Fact]
    public void A_negative_autocorrelation_never_narrows_an_interval()
    {
        var alternating = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToList();

        SerialSample.Of(alternating).EffectiveN.Should().Be(40);
    }

    [Fact]
    public void Intervals_of_an_independent_series_hold_their_confidence()
    {
        // 2000 series of 12 independent figures (a fixed generator): the 95% interval of their median holds the true one
        // as often as the sign test's exact ranks say, 1 - 2 P(B(12, 1/2) <= 2) = 96.1%.
        var random = new Random(11);
        var held = Enumerable.Range(0, 2000).Count(_ =>
        {
            var pairs = Enumerable.Range(0, 12).Select(_ => Normal(random) * 0.1).ToList();
            var interval = OverheadIntervals.Paired(
                Workloads.Measurements.Metric.LatencyP50, pairs.Select(Math.Exp).ToList(), pairs.Select(_ => 1.0).ToList(), 0.95);
            return interval.Low <= 0 && interval.High >= 0;
        });

        (held / 2000.0).Should().BeInRange(0.945, 0.975);
    }

    private static List<double> Ar1(double rho, int n, int seed)
    {
        var random = new Random(seed);
        var x = new List<double> { Normal(random) };
        for (var i = 1; i < n; i++)
        {
            x.Add((rho * x[^1]) + (Math.Sqrt(1 - (rho * rho)) * Normal(random)));
        }

        return x;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
