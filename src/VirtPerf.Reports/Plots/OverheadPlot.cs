using ScottPlot;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using OverheadPercent = VirtPerf.Assertions.Statistics.Overhead;

namespace VirtPerf.Reports;

/// <summary>
/// <c>overhead-SCENARIO</c>, thesis Figures 7-15: per technique, the overhead against bare metal of four statistics
/// (mean, median, p10, p90 latency; for stream scenarios those of throughput over the iterations, for capacity
/// scenarios those of capacity over the searches), with min-max whiskers; drawn as the cost ratio on a log axis (1x:
/// no overhead), so containers at 1.2x stay readable beside TCG guests at 50x, where a percentage axis flattened them.
/// </summary>
internal static class OverheadPlot
{
    private const double BarWidth = 0.19;

    private static readonly Metric[] LatencyMetrics = [Metric.LatencyMean, Metric.LatencyP50, Metric.LatencyP10, Metric.LatencyP90];

    private static readonly string[] LatencyNames = ["mean latency", "median latency", "p10 latency", "p90 latency"];

    /// <summary>The plot of <paramref name="scenario"/>, or null without a technique to compare with bare metal.</summary>
    public static Plot? Of(RunReport report, Scenario scenario)
    {
        var run = report.Row(Techniques.BareMetal, scenario)?.Measurement;
        var groups = report.Techniques.Where(t => t != Techniques.BareMetal)
            .Select(t => report.Row(t, scenario)).OfType<ReportRow>()
            .Select(r => (Row: r, Bare: r.PairedBareMetal ?? run))
            .Where(g => g.Bare is not null)
            .Select(g => (g.Row, Paired: g.Row.PairedBareMetal is not null, Bars: Statistics(scenario, g.Row.Measurement, g.Bare!)))
            .Where(g => g.Bars.Any(b => b is not null))
            .ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var reference = groups.All(g => g.Paired) ? "paired bare-metal measurement"
            : groups.Any(g => g.Paired) ? "paired bare metal where taken, else this run's BareMetal row"
            : "this run's BareMetal row";
        var plot = PlotLayout.New(
            $"{scenario}: cost vs bare metal",
            $"technique ({PlotLayout.IterationCount(groups.Select(g => g.Row.Measurement))} iterations each; vs {reference})",
            "cost / bare metal's (log scale) — higher is worse");
        plot.Add.HorizontalLine(0, 1.5f, Colors.Black);

        var whiskers = new List<(double X, double Y, double Low, double High)>();
        for (var k = 0; k < LatencyMetrics.Length; k++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i].Bars[k] is { } bar)
                {
                    var x = i + ((k - 1.5) * BarWidth);
                    var metric = Scenarios.IsRequestResponse(scenario) ? LatencyMetrics[k] : Scenarios.HeadlineMetric(scenario);
                    var value = PlotLayout.LogCost(metric, bar.Value);
                    bars.Add(PlotLayout.GroupedBar(x, value, BarWidth, k));
                    whiskers.Add((x, value, PlotLayout.LogCost(metric, bar.Low), PlotLayout.LogCost(metric, bar.High)));
                }
            }

            if (bars.Count > 0)
            {
                plot.Add.Bars(bars);
            }
        }

        PlotLayout.Whiskers(plot, whiskers);
        PlotLayout.LogCostAxis(plot);
        PlotLayout.CategoryTicks(plot, groups.Select(g => g.Row.Measurement.Technique).ToList());
        var names = Scenarios.IsRequestResponse(scenario) ? LatencyNames : RateNames(Scenarios.HeadlineMetric(scenario));
        PlotLayout.LegendBelow(plot, names.Select((n, k) => PlotLayout.Box(n, PlotLayout.Series(k)))
            .Where((_, k) => groups.Any(g => g.Bars[k] is not null))
            .Append(PlotLayout.WhiskerItem()));
        return plot;
    }

    /// <summary>The legend of a rate's four statistics over the iterations (throughput; capacity, one search each).</summary>
    private static string[] RateNames(Metric metric)
    {
        var (rate, of) = metric == Metric.Capacity ? ("capacity", "of searches") : ("throughput", "of iterations");
        return [$"mean {rate}", $"median {rate}", $"p10 {rate} ({of})", $"p90 {rate} ({of})"];
    }

    /// <summary>The four bars of one technique, null where the technique or bare metal lacks the figure or bare metal
    /// has a 0 of it (<see cref="Measurement.HasZero"/>: a capacity search where bare metal met the SLO at no rate).</summary>
    private static OverheadBar?[] Statistics(Scenario scenario, Measurement technique, Measurement bare)
    {
        if (Scenarios.IsRequestResponse(scenario))
        {
            return LatencyMetrics.Select(m => technique.MetricsMeasured.Contains(m) && bare.MetricsMeasured.Contains(m) && !bare.HasZero(m)
                ? OverheadBar.Of(m, technique.Values(m), MetricSummary.Of(bare.Values(m)).Mean)
                : null).ToArray();
        }

        var metric = Scenarios.HeadlineMetric(scenario);
        if (!technique.MetricsMeasured.Contains(metric) || !bare.MetricsMeasured.Contains(metric) || bare.HasZero(metric))
        {
            return [null, null, null, null];
        }

        var values = technique.Values(metric);
        var t = MetricSummary.Of(values);
        var b = MetricSummary.Of(bare.Values(metric));
        return
        [
            OverheadBar.Of(metric, values, b.Mean, t.Mean),
            OverheadBar.Of(metric, values, b.Median, t.Median),
            OverheadBar.Of(metric, values, b.P10, t.P10),
            OverheadBar.Of(metric, values, b.P90, t.P90),
        ];
    }

    /// <summary>One bar: the overhead of a statistic and of the technique's best and worst iteration, against the
    /// same bare-metal figure (so the bar always lies within its whiskers).</summary>
    private sealed record OverheadBar(double Value, double Low, double High)
    {
        public static OverheadBar? Of(Metric metric, IReadOnlyList<double> technique, double bare, double? statistic = null)
        {
            var summary = MetricSummary.Of(technique);
            var value = OverheadPercent.Percent(metric, statistic ?? summary.Mean, bare);
            var atMin = OverheadPercent.Percent(metric, summary.Min, bare);
            var atMax = OverheadPercent.Percent(metric, summary.Max, bare);
            return double.IsFinite(value) && double.IsFinite(atMin) && double.IsFinite(atMax)
                ? new OverheadBar(value, Math.Min(atMin, atMax), Math.Max(atMin, atMax))
                : null;
        }
    }
}
