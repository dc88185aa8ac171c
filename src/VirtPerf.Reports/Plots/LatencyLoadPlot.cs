using System.Globalization;
using ScottPlot;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Reports;

/// <summary>
/// <c>latency-load-SCENARIO</c>, for capacity scenarios (issue 17: the knee is where techniques differ most): every
/// point of every search (<see cref="Iteration.Points"/>), p99 latency against the offered rate, both on log10 axes,
/// one colour per technique and bare metal black (a BareMetal row, and the paired bare metal beside each row, told apart
/// by its markers);
/// the closed loop's peak, which has no offered rate, stands at the rate it served as a cross; the SLO as a
/// horizontal line where the searches looked for a p99.
/// </summary>
internal static class LatencyLoadPlot
{
    /// <summary>The plot of <paramref name="scenario"/>, or null for other scenarios or without a point to draw.</summary>
    public static Plot? Of(RunReport report, Scenario scenario)
    {
        if (!Scenarios.Capacity.Contains(scenario))
        {
            return null;
        }

        var shown = ScenarioSeries.Of(report, scenario, everyPaired: true)
            .Select(s => (Series: s, Open: Points(s.Measurement, closedLoop: false), Peaks: Points(s.Measurement, closedLoop: true)))
            .Where(s => s.Open.Count + s.Peaks.Count > 0)
            .ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        var plot = PlotLayout.New(
            $"{scenario}: p99 latency against offered load",
            $"offered rate (requests/s, log scale); every point of {PlotLayout.IterationCount(shown.Select(s => s.Series.Measurement))} searches each",
            "p99 latency (µs, log scale), from intended send times");
        var paired = 0;
        foreach (var (series, open, peaks) in shown)
        {
            var color = PlotLayout.Technique(series.Technique);
            var isPaired = series.Label != series.Technique;
            if (open.Count > 0)
            {
                var dots = plot.Add.ScatterPoints(open.Select(p => p.X).ToArray(), open.Select(p => p.Y).ToArray(), color);
                dots.LegendText = series.Label;
                dots.MarkerShape = isPaired ? PlotLayout.PairedMarker(paired) : MarkerShape.FilledCircle;
                dots.MarkerSize = isPaired ? 9 : 7;
            }

            if (peaks.Count > 0)
            {
                var crosses = plot.Add.ScatterPoints(peaks.Select(p => p.X).ToArray(), peaks.Select(p => p.Y).ToArray(), color);
                crosses.LegendText = open.Count > 0 ? "" : series.Label;
                crosses.MarkerShape = MarkerShape.Eks;
                crosses.MarkerSize = 14;
                crosses.MarkerLineWidth = 2;
            }

            paired += isPaired ? 1 : 0;
        }

        var slos = Slos(report, scenario);
        foreach (var (technique, slo) in slos)
        {
            var line = plot.Add.HorizontalLine(Math.Log10(slo.LimitMicroseconds), 1.5f, technique is null ? Colors.Black : PlotLayout.Technique(technique));
            line.LegendText = technique is null ? $"SLO: {CapacitySearches.Describe(slo)}" : $"SLO of the {technique} row: {CapacitySearches.Describe(slo)}";
        }

        var points = shown.SelectMany(s => s.Open.Concat(s.Peaks)).ToList();
        var (left, right) = Padded(points.Min(p => p.X), points.Max(p => p.X));
        var (bottom, top) = Padded(
            Math.Min(points.Min(p => p.Y), slos.Select(s => Math.Log10(s.Slo.LimitMicroseconds)).DefaultIfEmpty(double.MaxValue).Min()),
            Math.Max(points.Max(p => p.Y), slos.Select(s => Math.Log10(s.Slo.LimitMicroseconds)).DefaultIfEmpty(double.MinValue).Max()));
        plot.Axes.SetLimits(left, right, bottom, top);
        plot.Axes.Bottom.TickGenerator = PlotLayout.LogTicks(left, right, Rate); // the legend beside leaves less room
        plot.Axes.Left.TickGenerator = PlotLayout.LogTicks(bottom, top);
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "closed-loop peak, at the rate it served", MarkerShape = MarkerShape.Eks, MarkerColor = Colors.Black, MarkerSize = 14,
        });
        plot.ShowLegend(Edge.Right); // inside, it would hide the points of one corner or another; below, it may not fit
        return plot;
    }

    /// <summary>The (log10 rate, log10 p99) of <paramref name="measurement"/>'s open-loop points, or of its closed-loop
    /// peaks at their served rate; a point without a positive, finite rate or p99 has no place on a log axis.</summary>
    private static List<(double X, double Y)> Points(Measurement measurement, bool closedLoop) =>
        measurement.Iterations.SelectMany(i => i.Points ?? [])
            .Where(p => (p.Offered == 0) == closedLoop)
            .Select(p => (Rate: closedLoop ? p.Served : p.Offered, p.P99))
            .Where(p => p.Rate > 0 && p.P99 > 0 && double.IsFinite(p.Rate) && double.IsFinite(p.P99))
            .Select(p => (Math.Log10(p.Rate), Math.Log10(p.P99)))
            .ToList();

    /// <summary>The SLO lines: one, unnamed, when every row searched for the same; else each row's, named after its
    /// technique. Only SLOs on the 99th percentile, the plot's y; a row whose command line names none has no line.</summary>
    private static List<(string? Technique, SearchTarget Slo)> Slos(RunReport report, Scenario scenario)
    {
        var rows = report.Techniques.Select(t => report.Row(t, scenario)).OfType<ReportRow>()
            .Select(r => (Technique: (string?)r.Measurement.Technique, Slo: CapacitySearches.Slo(r.Measurement)))
            .Where(r => r.Slo is { Percentile: 99 })
            .Select(r => (r.Technique, Slo: r.Slo!))
            .ToList();
        return rows.Select(r => r.Slo).Distinct().Count() == 1 ? [(null, rows[0].Slo)] : rows;
    }

    /// <summary>A rate as a short tick label: 500, 2k, 150k.</summary>
    private static string Rate(double rate) =>
        rate >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{rate / 1000:0.#}k") : rate.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The range from <paramref name="low"/> to <paramref name="high"/> (log10 units) with room on each side.</summary>
    private static (double Low, double High) Padded(double low, double high)
    {
        var pad = Math.Max((high - low) * 0.05, 0.05);
        return (low - pad, high + pad);
    }
}
