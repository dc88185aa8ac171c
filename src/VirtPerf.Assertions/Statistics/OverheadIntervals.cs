using MathNet.Numerics.Distributions;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// Confidence intervals of overhead from series of log cost ratios (<see cref="Overhead.LogRatio"/>), by ranks: the
/// overhead is the median pair's, with the distribution-free interval of a median (order statistics of the sign
/// test), and a change between two series is the Hodges-Lehmann shift with the Mann-Whitney interval. This testbed's
/// noise comes in spikes (an iteration 5-30 times slower when a neighbour runs) that hit one side of a pair: a mean and
/// its t interval follow them, ranks do not. Serial correlation counts through the series' effective n
/// (<see cref="SerialSample"/>), which widens the ranks the interval reaches. Why this and not a t interval: on this
/// testbed's 166 recorded A/A series (74 gates) the t interval of the mean taking pairs as independent held 0 in 91%,
/// with the effective n in 94.6%, this one in 95.8% and a quarter narrower (baselines/README.md).
/// </summary>
public static class OverheadIntervals
{
    /// <summary>The overhead of a paired row: one log ratio per pair of neighbouring technique and bare-metal
    /// iterations (<paramref name="technique"/>[i] against <paramref name="bare"/>[i]); the median pair's overhead and
    /// the interval of that median.</summary>
    public static Interval Paired(
        Metric metric, IReadOnlyList<double> technique, IReadOnlyList<double> bare, double confidence, SerialCorrection correction = SerialCorrection.Default)
    {
        var pairs = LogRatios(metric, technique, bare);
        var sample = SerialSample.Of(pairs, correction);
        var sorted = pairs.Order().ToArray();
        var (low, high) = MedianRanks(sorted.Length, sample.EffectiveN, confidence);
        return Mapped(metric, Median(sorted), low < 0 ? double.NegativeInfinity : sorted[low], low < 0 ? double.PositiveInfinity : sorted[high], confidence, sample);
    }

    /// <summary>How much <paramref name="today"/>'s log ratios sit above <paramref name="reference"/>'s, as a change in
    /// percent: the Hodges-Lehmann shift (the median of all differences) with the Mann-Whitney interval, its variance
    /// taken from each side's effective n. Today's paired overhead against an accepted one (the regression gate), or a
    /// technique's log figures against a stored baseline's (the stored mode).</summary>
    public static Interval Difference(Metric metric, IReadOnlyList<double> today, IReadOnlyList<double> reference, double confidence)
    {
        var (a, b) = (SerialSample.Of(today), SerialSample.Of(reference));
        var differences = today.SelectMany(x => reference.Select(y => x - y)).Order().ToArray();
        var n = differences.Length;
        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        var spread = Math.Sqrt((double)n * n * ((1 / a.EffectiveN) + (1 / b.EffectiveN) + (1 / (a.EffectiveN * b.EffectiveN))) / 12);
        var c = (int)Math.Floor((n / 2.0) - (z * spread)); // the interval runs from the c-th to the (n + 1 - c)-th difference
        return Mapped(
            metric, Median(differences), c < 1 ? double.NegativeInfinity : differences[c - 1], c < 1 ? double.PositiveInfinity : differences[n - c],
            confidence, a);
    }

    /// <summary>The log cost ratio of each pair.</summary>
    public static IReadOnlyList<double> LogRatios(Metric metric, IReadOnlyList<double> technique, IReadOnlyList<double> bare)
    {
        if (technique.Count != bare.Count || technique.Count == 0)
        {
            throw new ArgumentException(
                $"A paired series needs as many bare-metal iterations as technique iterations, at least one (got {technique.Count} and {bare.Count}).");
        }

        return technique.Select((t, i) => Overhead.LogRatio(metric, t, bare[i])).ToList();
    }

    /// <summary>The log of each figure, signed so that larger is worse (the stored mode's one-sided series).</summary>
    public static IReadOnlyList<double> LogCosts(Metric metric, IReadOnlyList<double> values) =>
        values.Select(v => Overhead.LogRatio(metric, v, 1)).ToList();

    /// <summary>The ranks (from 0) of the order statistics that bound the median of <paramref name="n"/> figures worth
    /// <paramref name="effectiveN"/> independent ones at <paramref name="confidence"/>; (-1, -1) when there are too few
    /// to bound it. Independent figures take the exact binomial ranks of the sign test; correlated ones the normal
    /// approximation, the rank half-width z n / (2 sqrt(n_eff)).</summary>
    public static (int Low, int High) MedianRanks(int n, double effectiveN, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        var tail = (1 - confidence) / 2;
        int low;
        if (effectiveN >= n)
        {
            low = -1; // the largest k with P(B(n, 1/2) <= k) <= tail bounds the median from below at rank k
            while (low + 1 < n && Binomial.CDF(0.5, n, low + 1) <= tail)
            {
                low++;
            }
        }
        else
        {
            low = (int)Math.Floor((n / 2.0) - (Normal.InvCDF(0, 1, 1 - tail) * n / (2 * Math.Sqrt(effectiveN)))) - 1;
        }

        return low < 0 ? (-1, -1) : (low, n - 1 - low);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static Interval Mapped(Metric metric, double estimate, double low, double high, double confidence, SerialSample sample) =>
        new(Overhead.FromLogRatio(metric, estimate),
            double.IsFinite(low) ? Overhead.FromLogRatio(metric, low) : double.NegativeInfinity,
            double.IsFinite(high) ? Overhead.FromLogRatio(metric, high) : double.PositiveInfinity,
            confidence, sample.N, sample.Autocorrelation, sample.EffectiveN);
}
