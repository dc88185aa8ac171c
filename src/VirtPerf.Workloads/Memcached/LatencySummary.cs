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
}
