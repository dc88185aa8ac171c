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
        var random = new SplitMix64((ulong)seed);
        var (widenedTechnique, widenedBare) = (Widened(technique), Widened(bare));
        var overheads = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            overheads[r] = Statistics.Overhead.Percent(metric, ResampledMean(widenedTechnique, ref random), ResampledMean(widenedBare, ref random));
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

    private static double ResampledMean(double[] sample, ref SplitMix64 random)
    {
        var sum = 0.0;
        for (var i = 0; i < sample.Length; i++)
        {
            sum += sample[random.Next(sample.Length)];
        }

        return sum / sample.Length;
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood, 2014): a fast seeded generator, ample for resampling; the gate
    /// simulation runs millions of intervals, and System.Random's seeded generator took most of their time.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        /// <summary>A uniform index below <paramref name="count"/> (Lemire's multiply-shift on the high 32 bits).</summary>
        public int Next(int count)
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(((z >> 32) * (ulong)count) >> 32);
        }
    }
}
