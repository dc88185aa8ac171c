using MathNet.Numerics.Distributions;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Statistics;

/// <summary>
/// A row's interval widened by the wander of its overhead between runs. Pairing cancels drift that hits bare metal and
/// the technique alike, not a change of the technique's own cost: on this testbed DockerBridge's TCP_RR overhead read
/// +15.9% [+14.7, +19.3] at 05:58 and +13.5% [+10.7, +14.2] at 07:19, both from 8 pairs whose interval held (the A/A
/// calibration). An interval that claims the technique's overhead on this testbed, not in this minute, must carry
/// that wander. It is estimated from the row's earlier runs on the same testbed fingerprint and this one, as the
/// between-study variance of a random-effects meta-analysis (DerSimonian and Laird 1986): each run's log overhead
/// weighted by its own interval's precision, tau^2 = max(0, (Q - (k - 1)) / (sum w - sum w^2 / sum w)). Each end of
/// the interval then moves out by z tau in quadrature (half-widths add as variances). With one run there is nothing
/// to estimate and the interval stays the row's own; tau is never negative, so the wander never narrows an interval.
/// Each earlier run's standard error is read from its interval as half its log width over z of its stated
/// confidence; the exact ranks of few pairs cover more than they state, so this errs towards a smaller wander.
/// </summary>
public static class WanderAcrossRuns
{
    /// <summary>The most earlier runs taken into account, the newest: the testbed's state months ago says little of today's.</summary>
    public const int MostEarlierRuns = 10;

    /// <summary>The smallest standard error a run counts with (0.1% of cost), so a run whose interval is a point (all
    /// throughput lost in every pair) does not take all the weight.</summary>
    private const double LeastStandardError = 1e-3;

    /// <summary><paramref name="today"/> widened by the wander between it and <paramref name="earlier"/> runs' intervals
    /// of the same row and metric, newest first (each run's own, <see cref="Interval.WithinRow"/>); as it is when no
    /// earlier run has finite figures or today's has none.</summary>
    public static Interval Widen(Metric metric, Interval today, IReadOnlyList<Interval> earlier)
    {
        var points = earlier.Take(MostEarlierRuns).Select(i => i.WithinRow).Append(today).Select(i => Point(metric, i)).ToList();
        if (points[^1] is null)
        {
            return today;
        }

        var usable = points.OfType<(double Log, double StandardError)>().ToList();
        if (usable.Count < 2)
        {
            return today;
        }

        var tau = Spread(usable);
        if (tau == 0)
        {
            return today with { Wander = new Wander(usable.Count, 0, today) };
        }

        var z = Z(today.Confidence);
        var estimate = Overhead.ToLogRatio(metric, today.Estimate);
        double Out(double end, int side) =>
            Overhead.FromLogRatio(metric, estimate + (side * Math.Sqrt(Math.Pow(Overhead.ToLogRatio(metric, end) - estimate, 2) + Math.Pow(z * tau, 2))));
        return today with
        {
            Low = Math.Min(today.Low, Out(today.Low, -1)),
            High = Math.Max(today.High, Out(today.High, +1)),
            Wander = new Wander(usable.Count, tau, today),
        };
    }

    /// <summary>The DerSimonian-Laird estimate of the between-run standard deviation tau of log overheads.</summary>
    public static double Spread(IReadOnlyList<(double Log, double StandardError)> runs)
    {
        var weights = runs.Select(r => 1 / Math.Pow(Math.Max(r.StandardError, LeastStandardError), 2)).ToList();
        var total = weights.Sum();
        var mean = runs.Select((r, i) => weights[i] * r.Log).Sum() / total;
        var q = runs.Select((r, i) => weights[i] * Math.Pow(r.Log - mean, 2)).Sum();
        var scale = total - (weights.Sum(w => w * w) / total);
        return scale <= 0 ? 0 : Math.Sqrt(Math.Max(0, (q - (runs.Count - 1)) / scale));
    }

    /// <summary>A run's log overhead and standard error, or null when its interval has an infinite end (too few figures,
    /// all throughput lost) or no stated confidence.</summary>
    private static (double Log, double StandardError)? Point(Metric metric, Interval interval)
    {
        var (estimate, low, high) = (Overhead.ToLogRatio(metric, interval.Estimate), Overhead.ToLogRatio(metric, interval.Low), Overhead.ToLogRatio(metric, interval.High));
        return double.IsFinite(estimate) && double.IsFinite(low) && double.IsFinite(high) && interval.Confidence is > 0 and < 1
            ? (estimate, (high - low) / (2 * Z(interval.Confidence)))
            : null;
    }

    private static double Z(double confidence) => Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
}
