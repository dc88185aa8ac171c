namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// A series of figures taken one after another (per-pair log ratios, or one side's log values), summarized so that
/// serial correlation is not mistaken for evidence: the mean, the spread, the lag-1 autocorrelation and the
/// effective number of independent figures it is worth, <c>n (1 - rho) / (1 + rho)</c> (the AR(1) variance
/// inflation; Wilks, Statistical Methods in the Atmospheric Sciences, 5.2.3). Only a positive autocorrelation
/// shrinks n: a negative one would widen nothing and is taken as 0, so the correction never narrows an interval.
/// </summary>
/// <param name="N">Figures in the series.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardDeviation">Their sample standard deviation (n - 1).</param>
/// <param name="Autocorrelation">Lag-1 autocorrelation, corrected for its bias under independence and clamped to [0, 0.9].</param>
/// <param name="EffectiveN">What the series is worth in independent figures.</param>
public sealed record SerialSample(int N, double Mean, double StandardDeviation, double Autocorrelation, double EffectiveN)
{
    /// <summary>The largest autocorrelation used: beyond it, n_eff would say a long series is worth about one figure.</summary>
    public const double MostAutocorrelation = 0.9;

    /// <summary>The fewest figures the lag-1 autocorrelation is estimated from. Its estimate from n figures scatters by
    /// about 1/sqrt(n) (0.35 at 8): below 16, a chance value of 0.4 would cut n_eff to a third and make an interval
    /// several times wider for nothing; the exact ranks of a short series already carry its uncertainty.</summary>
    public const int FewestForAutocorrelation = 16;

    /// <summary>The standard error of the mean, from the effective n.</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(EffectiveN);

    /// <summary>Degrees of freedom of a t interval on the mean (the calibration's comparison): the effective n less one, at least 1.</summary>
    public double DegreesOfFreedom => Math.Max(1, EffectiveN - 1);

    /// <summary>Summarizes <paramref name="values"/> in the order they were taken, crediting serial correlation as
    /// <paramref name="correction"/> says (the gate uses the default; the calibration compares the others).</summary>
    public static SerialSample Of(IReadOnlyList<double> values, SerialCorrection correction = SerialCorrection.Default)
    {
        var n = values.Count;
        if (n == 0)
        {
            throw new ArgumentException("A series needs at least one figure.", nameof(values));
        }

        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        var sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.PositiveInfinity;
        var rho = correction == SerialCorrection.None ? 0 : Autocorrelation1(values, mean, squares, correction);
        return new SerialSample(n, mean, sd, rho, n * (1 - rho) / (1 + rho));
    }

    /// <summary>The lag-1 autocorrelation estimate plus 1/n, its bias when the figures are independent (Kendall 1954:
    /// about -(1 + 4 rho) / n in general), so independent figures are not credited with a negative correlation on
    /// average. The full correction, (r n + 1) / (n - 4), doubles the estimate's noise at n = 8 and, on this testbed's
    /// recorded gates, made intervals several times wider without better coverage (benchmarks/calibration.sh). Below
    /// <see cref="FewestForAutocorrelation"/> figures 0 is assumed.</summary>
    private static double Autocorrelation1(IReadOnlyList<double> values, double mean, double squares, SerialCorrection correction)
    {
        var n = values.Count;
        if (n < (correction == SerialCorrection.FullBias ? 6 : FewestForAutocorrelation) || squares <= 0)
        {
            return 0;
        }

        var lagged = 0.0;
        for (var i = 1; i < n; i++)
        {
            lagged += (values[i] - mean) * (values[i - 1] - mean);
        }

        var raw = lagged / squares;
        var corrected = correction == SerialCorrection.FullBias ? ((raw * n) + 1) / (n - 4) : raw + (1.0 / n);
        return Math.Clamp(corrected, 0, MostAutocorrelation);
    }
}
