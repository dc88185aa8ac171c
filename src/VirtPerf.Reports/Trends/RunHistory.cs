namespace VirtPerf.Reports;

/// <summary>
/// The runs of one testbed kept side by side (the folders under <c>results/</c>, or any given), oldest first: what
/// trends and change points are read from. Only runs of the report's testbed fingerprint count (others are not
/// comparable); a folder that cannot be read is left out and named.
/// </summary>
/// <param name="Runs">The comparable runs, oldest first; the report's own run among them.</param>
/// <param name="LeftOut">Folders left out, each with why.</param>
public sealed record RunHistory(IReadOnlyList<RunReport> Runs, IReadOnlyList<string> LeftOut)
{
    /// <summary>The history <paramref name="report"/> belongs to: the run folders beside it (its results directory),
    /// and those under <paramref name="more"/>, of the same testbed, up to and including the report's run.</summary>
    public static RunHistory Of(RunReport report, IEnumerable<string>? more = null)
    {
        var testbed = report.Rows[0].Measurement.Testbed.Id;
        var leftOut = new List<string>();
        var runs = new List<RunReport> { report };
        var folders = (more ?? []).Append(Path.GetDirectoryName(report.Folder)!)
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetDirectories(d))
            .Where(d => new DirectoryInfo(d).LinkTarget is null) // results/latest is a link to one of them
            .Select(Path.GetFullPath)
            .Where(d => d != report.Folder && HoldsRows(d))
            .Distinct();
        foreach (var folder in folders)
        {
            try
            {
                var run = RunReport.Load(folder);
                if (run.Rows[0].Measurement.Testbed.Id == testbed && run.Started <= report.Started)
                {
                    runs.Add(run);
                }
            }
            catch (ReportException e)
            {
                leftOut.Add($"{folder}: {e.Message}");
            }
        }

        return new RunHistory([.. runs.OrderBy(r => r.Started).ThenBy(r => r.Name, StringComparer.Ordinal)], leftOut);
    }

    /// <summary>True for a folder holding a row's results (<c>TECHNIQUE.SCENARIO.json</c>); other folders beside a run
    /// (or ones this process may not read) are no runs.</summary>
    private static bool HoldsRows(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.json").Select(f => Path.GetFileName(f).Split('.'))
                .Any(n => n.Length == 3 && Fixtures.Techniques.TechniqueCatalog.Names.Contains(n[0]) && Enum.TryParse<Workloads.Scenario>(n[1], out _));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
