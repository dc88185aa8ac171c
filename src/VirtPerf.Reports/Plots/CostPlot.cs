using ScottPlot;
using VirtPerf.Workloads;

namespace VirtPerf.Reports;

/// <summary><c>cost-SCENARIO</c>: per technique (bare metal included), the SUT host's CPU-seconds per unit of work
/// (<see cref="CostPerWork"/>), median over the iterations, on a log axis (containers near bare metal, TCG guests a
/// hundred times above), with the bare metal measured beside each row as a black mark.</summary>
internal static class CostPlot
{
    /// <summary>The plot of <paramref name="scenario"/>, or null when no row measured its host CPU.</summary>
    public static Plot? Of(RunReport report, Scenario scenario)
    {
        var metric = CostPerWork.MetricOf(scenario);
        var shown = report.Techniques.Select(t => report.Row(t, scenario)).OfType<ReportRow>()
            .Select(r => (Row: r, Own: CostPerWork.Median(r.Measurement, metric), Bare: r.PairedBareMetal is { } b ? CostPerWork.Median(b, metric) : null))
            .Where(r => r.Own > 0)
            .ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        var plot = PlotLayout.New(
            $"{scenario}: host CPU per unit of work",
            "technique (bar: median over the iterations; mark: the bare metal measured beside it)",
            $"SUT host CPU ({Workloads.Measurements.Metrics.Unit(metric)}, log scale) — higher is worse");
        plot.Add.Bars(shown.Select((r, i) => new Bar
        {
            Position = i, Value = Math.Log10(r.Own!.Value), Size = 0.6, FillColor = PlotLayout.Technique(r.Row.Measurement.Technique), LineWidth = 0,
            ValueBase = Math.Floor(Math.Log10(shown.Min(s => Math.Min(s.Own!.Value, s.Bare ?? double.MaxValue)))),
        }).ToList());
        foreach (var (r, i) in shown.Select((r, i) => (r, i)).Where(x => x.r.Bare > 0))
        {
            plot.Add.Marker(i, Math.Log10(r.Bare!.Value), MarkerShape.FilledDiamond, 12, Colors.Black);
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        PlotLayout.CategoryTicks(plot, shown.Select(r => r.Row.Measurement.Technique).ToList());
        PlotLayout.LegendBelow(plot, [new LegendItem { LabelText = "bare metal beside it", MarkerShape = MarkerShape.FilledDiamond, MarkerColor = Colors.Black, MarkerSize = 12 }]);
        return plot;
    }
}
