namespace VirtPerf.Reports;

/// <summary>Writes a run's report into its results folder: results.csv, summary.md and plots/ (PNG and SVG).</summary>
public static class ReportWriter
{
    /// <summary>Renders <paramref name="report"/> into its own folder; returns the files written.</summary>
    public static IReadOnlyList<string> Write(RunReport report)
    {
        var written = new List<string>
        {
            WriteAtomically(Path.Combine(report.Folder, "results.csv"), CsvTable.Render(report)),
            WriteAtomically(Path.Combine(report.Folder, "summary.md"), SummaryMarkdown.Render(report)),
        };
        written.AddRange(RunPlots.Render(report, Path.Combine(report.Folder, "plots")));
        return written;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file; returns the path.</summary>
    public static string WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
