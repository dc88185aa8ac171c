using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// Percentile bootstrap of the overhead of two independent samples of iterations: each resample draws both sides
/// with replacement and takes the overhead of their means. Each sample's deviations from its mean are first widened
/// by sqrt(n/(n-1)): drawn as they are, a resample of n understates the spread by that factor, which with 5
/// iterations made 95% intervals miss about 6% of the time instead of 2.5% (the gate simulation showed it).
/// Nonparametric, and seeded so a verdict is reproducible.
/// </summary>
public static class Bootstrap
{
    /// <summary>Resamples per interval.</summary>
    public const int DefaultResamples = 4000;

    /// <summary>The overhead of <paramref name="technique"/>'s mean over <paramref name="bare"/>'s with its
    /// <paramref name="confidence"/> interval.</summary>
    public static Interval Overhead(
        Metric metric, IReadOnlyList<double> technique, IReadOnlyList<double> bare, double confidence = 0.95,
        int resamples = DefaultResamples, int seed = 1)
    {
        if (technique.Count == 0 || bare.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one iteration.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        var random = new Random(seed);
        var (widenedTechnique, widenedBare) = (Widened(technique), Widened(bare));
        var overheads = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            overheads[r] = Statistics.Overhead.Percent(metric, ResampledMean(widenedTechnique, random), ResampledMean(widenedBare, random));
        }

        Array.Sort(overheads);
        var tail = (1 - confidence) / 2;
        return new Interval(
            Statistics.Overhead.Percent(metric, technique.Average(), bare.Average()),
            overheads[(int)Math.Floor(tail * (resamples - 1))],
            overheads[(int)Math.Ceiling((1 - tail) * (resamples - 1))],
            confidence);
    }

    private static double[] Widened(IReadOnlyList<double> sample)
    {
        var mean = sample.Average();
        var factor = sample.Count > 1 ? Math.Sqrt(sample.Count / (sample.Count - 1.0)) : 1;
        return sample.Select(x => mean + ((x - mean) * factor)).ToArray();
    }

    private static double ResampledMean(IReadOnlyList<double> sample, Random random)
    {
        var sum = 0.0;
        for (var i = 0; i < sample.Count; i++)
        {
            sum += sample[random.Next(sample.Count)];
        }

        return sum / sample.Count;
    }
}
