using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// How much worse a technique's figure is than bare metal's, in percent, whichever direction is worse for the metric:
/// throughput lost, <c>(bare - technique) / bare</c>; latency or CPU added, <c>(technique - bare) / bare</c>. Positive
/// is worse, 0 is no overhead, negative is better than bare metal.
/// </summary>
public static class Overhead
{
    /// <summary>The overhead of <paramref name="technique"/> over <paramref name="bare"/> for <paramref name="metric"/>.</summary>
    public static double Percent(Metric metric, double technique, double bare)
    {
        if (bare == 0)
        {
            return technique == 0 ? 0 : double.PositiveInfinity * (Metrics.HigherIsBetter(metric) ? -1 : 1);
        }

        return (Metrics.HigherIsBetter(metric) ? bare - technique : technique - bare) / Math.Abs(bare) * 100;
    }
}
