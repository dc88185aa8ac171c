using HdrHistogram;

namespace VirtPerf.Workloads.Memcached;

/// <summary>A latency distribution in microseconds, read from an HdrHistogram of nanoseconds (3 significant digits).</summary>
public sealed record LatencySummary(
    long Count, double Min, double P1, double P5, double P10, double P50, double P90, double P95, double P99,
    double P999, double Max, double Mean, double Stddev)
{
    /// <summary>The summary of <paramref name="nanoseconds"/>, or null when it holds no sample.</summary>
    public static LatencySummary? Of(HistogramBase nanoseconds)
    {
        if (nanoseconds.TotalCount == 0)
        {
            return null;
        }

        double At(double percentile) => nanoseconds.GetValueAtPercentile(percentile) / 1000.0;
        return new LatencySummary(
            nanoseconds.TotalCount, At(0), At(1), At(5), At(10), At(50), At(90), At(95), At(99), At(99.9),
            nanoseconds.GetMaxValue() / 1000.0, nanoseconds.GetMean() / 1000.0, nanoseconds.GetStdDeviation() / 1000.0);
    }

    /// <summary>The percentiles a summary keeps, besides its minimum and maximum.</summary>
    public static IReadOnlyList<double> Kept { get; } = [1, 5, 10, 50, 90, 95, 99, 99.9];

    /// <summary>The <paramref name="percentile"/>th percentile, for one of <see cref="Kept"/>; null for any other.</summary>
    public double? At(double percentile) => percentile switch
    {
        1 => P1, 5 => P5, 10 => P10, 50 => P50, 90 => P90, 95 => P95, 99 => P99, 99.9 => P999, _ => null,
    };
}
