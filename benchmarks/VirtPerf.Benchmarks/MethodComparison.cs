using MathNet.Numerics.Distributions;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Benchmarks;

/// <summary>Which interval method holds its confidence on real A/A series of this testbed: the gate's (the median
/// pair, order statistics, effective n), and the mean with a t interval taking the pairs as independent, with the
/// effective n, with the fully bias-corrected effective n, and over ABBA blocks (the mean of two neighbouring pairs,
/// which cancels a linear drift exactly). Each at the length the gate ran.</summary>
internal static class MethodComparison
{
    private const double Confidence = 0.95;

    public static void Print(IReadOnlyList<CalibrationGate> gates, TextWriter output)
    {
        var aa = gates.Where(g => g.Kind == "aa").ToList();
        if (aa.Count == 0)
        {
            return;
        }

        var methods = new (string Name, Func<IReadOnlyList<double>, (double Low, double High)> Interval)[]
        {
            ("median pair, order statistics, effective n (the gate)", Median),
            ("mean, t, pairs as independent", pairs => Around(SerialSample.Of(pairs, SerialCorrection.None))),
            ("mean, t, effective n", pairs => Around(SerialSample.Of(pairs))),
            ("mean, t, effective n fully bias-corrected", pairs => Around(SerialSample.Of(pairs, SerialCorrection.FullBias))),
            ("mean of ABBA blocks, t, blocks as independent", pairs => Around(SerialSample.Of(Blocks(pairs), SerialCorrection.None))),
        };
        var series = aa.SelectMany(g => g.Side(Techniques.BareMetal, g.Technique).MetricsMeasured
                .Where(m => m is Metric.Throughput or Metric.TransactionRate or Metric.LatencyP50 or Metric.LatencyP99 or Metric.Capacity)
                .Select(m => (g.Scenario, Metric: m, Pairs: OverheadIntervals.LogRatios(
                    m, g.Side(Techniques.BareMetal, g.Technique).Values(m), g.Side(Techniques.BareMetal, g.BareMetal).Values(m)))))
            .Where(s => s.Pairs.Count >= 4)
            .ToList();
        var correlation = series.Select(s => Lag1(s.Pairs)).Where(double.IsFinite).ToList();
        if (correlation.Count == 0)
        {
            return; // no A/A series long enough to compare methods on
        }

        output.WriteLine(Invariant(
            $"\nInterval methods on the same {series.Count} real A/A series ({aa.Count} gates x gated metrics; median lag-1 autocorrelation of the pairs {Medians.Of(correlation):0.00}, a quarter above {Quantile(correlation, 0.75):0.00}):\n"));
        output.WriteLine("| method | 95% interval holds 0 | worst scenario x metric | median width (log ratio) |");
        output.WriteLine("|---|---|---|---|");
        foreach (var (name, interval) in methods)
        {
            var results = series.Select(s => (s.Scenario, s.Metric, Range: interval(s.Pairs))).ToList();
            var worst = results.GroupBy(r => (r.Scenario, r.Metric))
                .Select(g => (g.Key, Share: g.Count(r => Holds(r.Range)) / (double)g.Count(), Count: g.Count()))
                .OrderBy(g => g.Share).First();
            output.WriteLine(Invariant(
                $"| {name} | {100.0 * results.Count(r => Holds(r.Range)) / results.Count:0.0}% | {worst.Key.Scenario} {worst.Key.Metric} {100 * worst.Share:0}% of {worst.Count} | {Medians.Of(results.Select(r => r.Range.High - r.Range.Low).Where(double.IsFinite)):0.000} |"));
        }
    }

    private static bool Holds((double Low, double High) range) => range.Low <= 0 && 0 <= range.High;

    private static (double Low, double High) Around(SerialSample sample)
    {
        var half = StudentT.InvCDF(0, 1, sample.DegreesOfFreedom, 1 - ((1 - Confidence) / 2)) * sample.StandardError;
        return (sample.Mean - half, sample.Mean + half);
    }

    /// <summary>The gate's interval in log ratios: <see cref="OverheadIntervals.Paired"/> on ratios exp(pair) to 1.</summary>
    private static (double Low, double High) Median(IReadOnlyList<double> pairs)
    {
        var interval = OverheadIntervals.Paired(Metric.LatencyP50, pairs.Select(Math.Exp).ToList(), pairs.Select(_ => 1.0).ToList(), Confidence);
        return (Math.Log(1 + (interval.Low / 100)), Math.Log(1 + (interval.High / 100)));
    }

    private static List<double> Blocks(IReadOnlyList<double> pairs) =>
        Enumerable.Range(0, pairs.Count / 2).Select(i => (pairs[2 * i] + pairs[(2 * i) + 1]) / 2).ToList();

    private static double Lag1(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        var squares = x.Sum(v => (v - mean) * (v - mean));
        return Enumerable.Range(1, x.Count - 1).Sum(i => (x[i] - mean) * (x[i - 1] - mean)) / squares;
    }

    private static double Quantile(IReadOnlyList<double> values, double q) => values.Order().ElementAt((int)(q * (values.Count - 1)));
}
