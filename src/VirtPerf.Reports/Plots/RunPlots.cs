using VirtPerf.Workloads;

namespace VirtPerf.Reports;

/// <summary>
/// The plots of a run, after the study's figures: per scenario, the overhead against bare metal
/// (<c>overhead-SCENARIO</c>), the latency distribution (<c>cdf-SCENARIO</c>) and CPU utilization
/// (<c>cpu-SCENARIO</c>), host CPU per unit of work (<c>cost-SCENARIO</c>), a capacity search's latency against offered load
/// (<c>latency-load-SCENARIO</c>), what each design choice costs (<c>factors-SCENARIO</c>) and the cost across runs
/// (<c>trend-SCENARIO</c>), each as PNG and SVG; a plot with nothing to show is not written.
/// </summary>
public static class RunPlots
{
    /// <summary>Writes the plots of <paramref name="report"/> and its <paramref name="trends"/> into
    /// <paramref name="outputDirectory"/> (created if missing); returns the files written, PNG then SVG of each plot.</summary>
    public static IReadOnlyList<string> Render(RunReport report, IReadOnlyList<Trend> trends, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        var costs = Attribution.Of(report);
        foreach (Scenario scenario in report.Scenarios)
        {
            Save(OverheadPlot.Of(report, scenario), outputDirectory, $"overhead-{scenario}", written);
            Save(LatencyCdfPlot.Of(report, scenario), outputDirectory, $"cdf-{scenario}", written);
            Save(CpuPlot.Of(report, scenario), outputDirectory, $"cpu-{scenario}", written);
            Save(CostPlot.Of(report, scenario), outputDirectory, $"cost-{scenario}", written);
            Save(LatencyLoadPlot.Of(report, scenario), outputDirectory, $"latency-load-{scenario}", written);
            Save(FactorPlot.Of(costs, scenario), outputDirectory, $"factors-{scenario}", written);
            Save(TrendPlot.Of(trends, scenario), outputDirectory, $"trend-{scenario}", written);
        }

        return written;
    }

    private static void Save(ScottPlot.Plot? plot, string directory, string stem, List<string> written)
    {
        if (plot is null)
        {
            return;
        }

        using (plot)
        {
            var png = Path.Combine(directory, stem + ".png");
            var svg = Path.Combine(directory, stem + ".svg");
            plot.SavePng(png, PlotLayout.Width, PlotLayout.Height);
            plot.SaveSvg(svg, PlotLayout.Width, PlotLayout.Height);
            written.Add(png);
            written.Add(svg);
        }
    }
}
