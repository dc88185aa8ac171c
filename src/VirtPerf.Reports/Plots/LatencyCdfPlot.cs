using ScottPlot;
using ScottPlot.TickGenerators;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>
/// <c>cdf-SCENARIO</c>: each technique's latency distribution (bare metal included): merged from every request where
/// the rows kept their histograms (memcached), else from the percentiles the rows carry, each the median over the
/// iterations (netperf); latency on a log10 axis.
/// </summary>
internal static class LatencyCdfPlot
{
    private static readonly (Metric Metric, double Fraction)[] Percentiles =
    [
        (Metric.LatencyMin, 0), (Metric.LatencyP1, 0.01), (Metric.LatencyP5, 0.05), (Metric.LatencyP10, 0.10),
        (Metric.LatencyP50, 0.50), (Metric.LatencyP90, 0.90), (Metric.LatencyP95, 0.95), (Metric.LatencyP99, 0.99),
        (Metric.LatencyP999, 0.999), (Metric.LatencyMax, 1),
    ];

    /// <summary>Every 2% up to 98%, then the tail in nines.</summary>
    private static readonly double[] MergedFractions =
        [.. Enumerable.Range(0, 50).Select(i => i / 50.0), 0.99, 0.995, 0.999, 0.9995, 0.9999, 1];

    /// <summary>The plot of <paramref name="scenario"/>, or null for a stream scenario or without two percentiles.</summary>
    public static Plot? Of(RunReport report, Scenario scenario)
    {
        if (!Scenarios.IsRequestResponse(scenario))
        {
            return null;
        }

        var lines = ScenarioSeries.Of(report, scenario)
            .Select(s => (Series: s, Points: Points(s.Measurement)))
            .Where(l => l.Points.Count >= 2)
            .ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var plot = PlotLayout.New(
            $"{scenario}: latency distribution (CDF)",
            lines.All(l => Merged(l.Series.Measurement) is not null)
                ? "round-trip latency (µs, log scale); every request of every iteration, merged"
                : "round-trip latency (µs, log scale); each point a percentile's median over the iterations",
            "cumulative fraction of requests");
        var paired = 0;
        foreach (var (series, points) in lines)
        {
            var line = plot.Add.Scatter(
                points.Select(p => Math.Log10(p.Latency)).ToArray(), points.Select(p => p.Fraction).ToArray(), PlotLayout.Technique(series.Technique));
            line.LegendText = series.Label;
            line.LineWidth = 2;
            line.MarkerSize = 7;
            if (series.Label != series.Technique)
            {
                line.MarkerShape = PlotLayout.PairedMarker(paired++);
                line.MarkerSize = 10;
            }
        }

        var all = lines.SelectMany(l => l.Points).Select(p => Math.Log10(p.Latency)).ToList();
        var (low, high) = (all.Min(), all.Max());
        var pad = Math.Max((high - low) * 0.04, 0.02);
        plot.Axes.SetLimits(low - pad, high + pad, -0.03, 1.03);
        plot.Axes.Bottom.TickGenerator = PlotLayout.LogTicks(low - pad, high + pad);
        plot.Axes.Left.TickGenerator = new NumericManual(
            [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"]);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>The (latency, fraction) points of one measurement, non-positive latencies left out (log axis): from
    /// the merged distribution of every request of every iteration where the rows kept it (<see cref="Iteration.Latencies"/>),
    /// else each percentile's median over the iterations.</summary>
    private static List<(double Latency, double Fraction)> Points(Measurement measurement) =>
        (Merged(measurement) is { } merged
            ? MergedFractions.Select(f => (Latency: merged.GetValueAtPercentile(f * 100) / 1e3, Fraction: f))
            : Percentiles.Where(p => measurement.MetricsMeasured.Contains(p.Metric))
                .Select(p => (Latency: MetricSummary.Of(measurement.Values(p.Metric)).Median, p.Fraction)))
        .Where(p => p.Latency > 0 && double.IsFinite(p.Latency))
        .ToList();

    private static HdrHistogram.HistogramBase? Merged(Measurement measurement)
    {
        if (measurement.Iterations.Count == 0 || measurement.Iterations.Any(i => i.Latencies is null))
        {
            return null;
        }

        var merged = new HdrHistogram.LongHistogram(measurement.Iterations.Max(i => i.Latencies!.HighestTrackableValue), 3);
        foreach (var iteration in measurement.Iterations)
        {
            merged.Add(iteration.Latencies!);
        }

        return merged;
    }
}
