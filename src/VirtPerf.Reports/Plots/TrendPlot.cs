using ScottPlot;
using VirtPerf.Workloads;

namespace VirtPerf.Reports;

/// <summary><c>trend-SCENARIO</c>: each technique's cost across runs, as the ratio of its cost to bare metal's on a
/// log axis (so containers at 1.2x and TCG guests at 50x both stay readable), whiskers the 95% interval, change
/// points ringed.</summary>
internal static class TrendPlot
{
    /// <summary>The plot of <paramref name="scenario"/>, or null when no technique has two runs of it.</summary>
    public static Plot? Of(IReadOnlyList<Trend> trends, Scenario scenario)
    {
        var shown = trends.Where(t => t.Scenario == scenario).ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        var plot = PlotLayout.New(
            $"{scenario}: cost against bare metal across runs ({shown[0].Metric})",
            "run start",
            "technique's cost / bare metal's (log scale) — higher is worse");
        static double Log(Trend trend, double percent) => PlotLayout.LogCost(trend.Metric, percent);
        foreach (var trend in shown)
        {
            var color = PlotLayout.Technique(trend.Technique);
            var xs = trend.Points.Select(p => p.Run.Started.UtcDateTime.ToOADate()).ToArray();
            var ys = trend.Points.Select(p => Log(trend, p.Overhead.Estimate)).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = trend.Technique;
            line.MarkerSize = 7;
            var whiskers = plot.Add.ErrorBar(xs, ys, trend.Points.Select(_ => 0.0).ToList());
            whiskers.YErrorPositive = trend.Points.Select((p, i) => double.IsFinite(p.Overhead.High) ? Math.Max(Log(trend, p.Overhead.High) - ys[i], 0) : 0).ToList();
            whiskers.YErrorNegative = trend.Points.Select((p, i) => double.IsFinite(p.Overhead.Low) ? Math.Max(ys[i] - Log(trend, p.Overhead.Low), 0) : 0).ToList();
            whiskers.Color = color;
            foreach (var change in trend.Changes)
            {
                var i = trend.Points.ToList().FindIndex(p => p.Run == change.Run);
                var ring = plot.Add.Marker(xs[i], ys[i], MarkerShape.OpenCircle, 22, Colors.Black);
                ring.LineWidth = 2;
            }
        }

        plot.Axes.DateTimeTicksBottom();
        PlotLayout.LogCostAxis(plot);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "change point", MarkerShape = MarkerShape.OpenCircle, MarkerColor = Colors.Black, MarkerSize = 14 });
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
