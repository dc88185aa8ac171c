using MathNet.Numerics.Distributions;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// Confidence intervals of overhead from series of log cost ratios (<see cref="Overhead.LogRatio"/>): a t interval on
/// the mean with the series' effective n (<see cref="SerialSample"/>), so that figures that follow one another's
/// drift count for what they are worth. Logs make the figures' skew symmetric, which is what lets a t interval hold
/// its confidence with ten figures; the interval's ends are mapped back to percent of overhead.
/// </summary>
public static class OverheadIntervals
{
    /// <summary>The overhead of a paired row: one log ratio per pair of neighbouring technique and bare-metal
    /// iterations (<paramref name="technique"/>[i] against <paramref name="bare"/>[i]).</summary>
    public static Interval Paired(
        Metric metric, IReadOnlyList<double> technique, IReadOnlyList<double> bare, double confidence, SerialCorrection correction = SerialCorrection.Default)
    {
        var pairs = LogRatios(metric, technique, bare);
        var sample = SerialSample.Of(pairs, correction);
        var half = Quantile(confidence, sample.DegreesOfFreedom) * sample.StandardError;
        return Mapped(metric, sample.Mean, half, confidence, sample);
    }

    /// <summary>The difference of two series' mean log ratios, <paramref name="today"/> less <paramref name="reference"/>,
    /// as a change in percent (Welch's t with Satterthwaite's degrees of freedom from each side's effective n): today's
    /// paired overhead against an accepted one (the regression gate), or a technique's log figures against a stored
    /// baseline's (the stored mode).</summary>
    public static Interval Difference(Metric metric, IReadOnlyList<double> today, IReadOnlyList<double> reference, double confidence)
    {
        var (a, b) = (SerialSample.Of(today), SerialSample.Of(reference));
        var (va, vb) = (a.StandardError * a.StandardError, b.StandardError * b.StandardError);
        var se = Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / ((va * va / a.DegreesOfFreedom) + (vb * vb / b.DegreesOfFreedom));
        var half = double.IsFinite(se) && se > 0 ? Quantile(confidence, double.IsFinite(df) ? df : 1) * se : se;
        return Mapped(metric, a.Mean - b.Mean, half, confidence, a);
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

    private static double Quantile(double confidence, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - ((1 - confidence) / 2));
    }

    private static Interval Mapped(Metric metric, double mean, double half, double confidence, SerialSample sample) =>
        new(Overhead.FromLogRatio(metric, mean),
            double.IsFinite(half) ? Overhead.FromLogRatio(metric, mean - half) : double.NegativeInfinity,
            double.IsFinite(half) ? Overhead.FromLogRatio(metric, mean + half) : double.PositiveInfinity,
            confidence, sample.N, sample.Autocorrelation, sample.EffectiveN);
}
