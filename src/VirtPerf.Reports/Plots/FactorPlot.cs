using ScottPlot;
using VirtPerf.Workloads;

namespace VirtPerf.Reports;

/// <summary><c>factors-SCENARIO</c>: what each design choice costs in the scenario (<see cref="Attribution"/>), one
/// bar per factor in the colour of the technique that makes the choice, whiskers the interval of the difference.</summary>
internal static class FactorPlot
{
    /// <summary>The plot of <paramref name="scenario"/>, or null when no factor has both techniques' pairs.</summary>
    public static Plot? Of(IReadOnlyList<FactorCost> costs, Scenario scenario)
    {
        var shown = costs.Where(c => c.Scenario == scenario).ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        var plot = PlotLayout.New(
            $"{scenario}: what each factor costs ({Scenarios.HeadlineMetric(scenario)})",
            "factor: first technique − second, each paired with its own bare metal",
            "difference of overheads (%) — positive: the first costs more");
        plot.Add.HorizontalLine(0, 1.5f, Colors.Black);
        plot.Add.Bars(shown.Select((c, i) => new Bar
        {
            Position = i, Value = c.Difference.Estimate, Size = 0.6, FillColor = PlotLayout.Technique(c.Factor.With), LineWidth = 0,
        }).ToList());
        PlotLayout.Whiskers(plot, shown.Select((c, i) => (X: (double)i, Y: c.Difference.Estimate, c.Difference.Low, c.Difference.High))
            .Where(p => double.IsFinite(p.Low) && double.IsFinite(p.High)).ToList());
        PlotLayout.CategoryTicks(plot, shown.Select(c => $"{c.Factor.Name}\n{c.Factor.With} − {c.Factor.Without}").ToList());
        PlotLayout.LegendBelow(plot, [new LegendItem { LabelText = "whiskers: 95% interval of the difference", LineColor = Colors.Black, LineWidth = 1.5f }]);
        return plot;
    }
}
