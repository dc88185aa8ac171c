using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// How much worse a technique's figure is than bare metal's, in percent, whichever direction is worse for the metric:
/// throughput lost, <c>(bare - technique) / bare</c>; latency or CPU added, <c>(technique - bare) / bare</c>. Positive
/// is worse, 0 is no overhead, negative is better than bare metal. The gate works on the log of the cost ratio
/// (<see cref="LogRatio"/>): positive figures' ratios are skewed, their logs are not, and logs add, so today's cost
/// against an accepted one is a difference of logs.
/// </summary>
public static class Overhead
{
    // A zero figure (no datagram arrived) has no log: it counts as a billionth of the other side's, which reads as
    // 100% of throughput lost without making every mean infinite.
    private const double Floor = 1e-9;

    /// <summary>The overhead of <paramref name="technique"/> over <paramref name="bare"/> for <paramref name="metric"/>.</summary>
    public static double Percent(Metric metric, double technique, double bare)
    {
        if (bare == 0)
        {
            return technique == 0 ? 0 : double.PositiveInfinity * (Metrics.HigherIsBetter(metric) ? -1 : 1);
        }

        return (Metrics.HigherIsBetter(metric) ? bare - technique : technique - bare) / Math.Abs(bare) * 100;
    }

    /// <summary>The log of the cost ratio: <c>ln(technique / bare)</c> where lower is better, <c>ln(bare /
    /// technique)</c> where higher is; positive is worse. Two zeros are no overhead.</summary>
    public static double LogRatio(Metric metric, double technique, double bare)
    {
        if (technique == 0 && bare == 0)
        {
            return 0;
        }

        var scale = Math.Max(Math.Abs(technique), Math.Abs(bare));
        var (t, b) = (Math.Max(technique, Floor * scale), Math.Max(bare, Floor * scale));
        return Metrics.HigherIsBetter(metric) ? Math.Log(b / t) : Math.Log(t / b);
    }

    /// <summary>The cost ratio (technique's cost over bare metal's, 1 for none) an overhead of
    /// <paramref name="percent"/> stands for: what a log axis shows, so 1.2x and 50x both stay readable.</summary>
    public static double CostRatio(Metric metric, double percent) =>
        Metrics.HigherIsBetter(metric) ? 1 / Math.Max(1 - (percent / 100), Floor) : 1 + (percent / 100);

    /// <summary>The overhead in percent that a log cost ratio of <paramref name="logRatio"/> stands for.</summary>
    public static double FromLogRatio(Metric metric, double logRatio) =>
        Metrics.HigherIsBetter(metric) ? (1 - Math.Exp(-logRatio)) * 100 : (Math.Exp(logRatio) - 1) * 100;

    /// <summary>The log cost ratio an overhead of <paramref name="percent"/> stands for (the inverse of
    /// <see cref="FromLogRatio"/>); infinite for all throughput lost, or for a cost cut to nothing.</summary>
    public static double ToLogRatio(Metric metric, double percent) =>
        Metrics.HigherIsBetter(metric)
            ? (percent >= 100 ? double.PositiveInfinity : -Math.Log(1 - (percent / 100)))
            : (percent <= -100 ? double.NegativeInfinity : Math.Log(1 + (percent / 100)));
}
