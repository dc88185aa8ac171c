using ScottPlot;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>
/// <c>cpu-SCENARIO</c>: per technique (bare metal included), the mean CPU utilization of the SUT as the host
/// accounts it, inside the SUT and of the client, with min-max whiskers; the study could not show the first.
/// </summary>
internal static class CpuPlot
{
    private const double BarWidth = 0.25;

    private static readonly Metric[] CpuMetrics = [Metric.SutHostCpu, Metric.SutCpu, Metric.ClientCpu];

    private static readonly string[] Names =
    [
        "SUT, host's view (container cgroup / QEMU process)",
        "SUT, inside (netperf remote CPU / guest's view)",
        "client (load generator)",
    ];

    /// <summary>The plot of <paramref name="scenario"/>, or null when no row measured CPU.</summary>
    public static Plot? Of(RunReport report, Scenario scenario)
    {
        var groups = ScenarioSeries.Of(report, scenario)
            .Where(s => CpuMetrics.Any(s.Measurement.MetricsMeasured.Contains))
            .ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var plot = PlotLayout.New(
            $"{scenario}: CPU utilization",
            $"technique (bars: mean over {PlotLayout.IterationCount(groups.Select(g => g.Measurement))} iterations)",
            "CPU utilization (% of all CPUs)");
        var whiskers = new List<(double X, double Y, double Low, double High)>();
        for (var k = 0; k < CpuMetrics.Length; k++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < groups.Count; i++)
            {
                var measurement = groups[i].Measurement;
                if (!measurement.MetricsMeasured.Contains(CpuMetrics[k]))
                {
                    continue;
                }

                var summary = MetricSummary.Of(measurement.Values(CpuMetrics[k]));
                if (!double.IsFinite(summary.Min) || !double.IsFinite(summary.Max))
                {
                    continue;
                }

                var x = i + ((k - 1) * BarWidth);
                bars.Add(PlotLayout.GroupedBar(x, summary.Mean, BarWidth, k));
                whiskers.Add((x, summary.Mean, summary.Min, summary.Max));
            }

            if (bars.Count > 0)
            {
                plot.Add.Bars(bars);
            }
        }

        PlotLayout.Whiskers(plot, whiskers);
        PlotLayout.CategoryTicks(plot, groups.Select(g => g.Tick).ToList());
        plot.Axes.Margins(bottom: 0);
        PlotLayout.LegendBelow(plot, Names.Select((n, k) => PlotLayout.Box(n, PlotLayout.Series(k)))
            .Where((_, k) => groups.Any(g => g.Measurement.MetricsMeasured.Contains(CpuMetrics[k])))
            .Append(PlotLayout.WhiskerItem()));
        return plot;
    }
}
