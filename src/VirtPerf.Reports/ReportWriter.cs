namespace VirtPerf.Reports;

/// <summary>Writes a run's report into its results folder: results.csv, capacity-points.csv (when capacity searches kept
/// their points), plots/ (PNG and SVG), summary.md (linking the plots; with the trends across the runs beside it) and
/// report.html (the same, self-contained, plots inline).</summary>
public static class ReportWriter
{
    /// <summary>Renders <paramref name="report"/> into its own folder, its history being the runs beside it and under
    /// <paramref name="history"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(RunReport report, IEnumerable<string>? history = null)
    {
        var runs = RunHistory.Of(report, history);
        var trends = Trends.Of(runs);
        var plots = RunPlots.Render(report, trends, Path.Combine(report.Folder, "plots"));
        var summary = SummaryMarkdown.Render(report) + Trends.Markdown(runs, trends);
        var points = CapacitySearches.Points(report);
        return
        [
            WriteAtomically(Path.Combine(report.Folder, "results.csv"), CsvTable.Render(report)),
            .. points.Count > 0 ? [WriteAtomically(Path.Combine(report.Folder, CapacitySearches.FileName), CapacitySearches.Csv(points))] : Array.Empty<string>(),
            .. plots,
            WriteAtomically(Path.Combine(report.Folder, "summary.md"), summary + PlotLinks(report.Folder, plots)),
            WriteAtomically(
                Path.Combine(report.Folder, "report.html"),
                HtmlReport.Render($"VirtNetPerf run {report.Rows[0].Measurement.RunId}", summary, plots)),
        ];
    }

    private static string PlotLinks(string folder, IReadOnlyList<string> plots) =>
        "\n## Plots\n\n" + string.Concat(plots.Where(p => p.EndsWith(".png", StringComparison.Ordinal))
            .Select(p => $"- [{Path.GetFileNameWithoutExtension(p)}]({Path.GetRelativePath(folder, p)}) ([SVG]({Path.ChangeExtension(Path.GetRelativePath(folder, p), ".svg")}))\n"));

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file; returns the path.</summary>
    public static string WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
