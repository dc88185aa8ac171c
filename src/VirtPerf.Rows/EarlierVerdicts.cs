using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>A row's budget verdicts from earlier runs in the results directory, newest first: the runs its overhead's
/// wander between runs is estimated from (<see cref="WanderAcrossRuns"/>). Only verdicts of the same testbed
/// fingerprint that claimed something count (a row beside too much other work, or undecided, says nothing of the
/// overhead); a file that cannot be read is left out, and the row's output says which and why.</summary>
public static class EarlierVerdicts
{
    /// <summary>The budget verdicts of <paramref name="technique"/>'s <paramref name="scenario"/> row on testbed
    /// <paramref name="fingerprint"/> in the run folders under the results directory other than <paramref name="thisRun"/>,
    /// newest first, at most <see cref="WanderAcrossRuns.MostEarlierRuns"/>; what cannot be read goes to <paramref name="log"/>.</summary>
    public static IReadOnlyList<Verdict> Of(
        PerfSettings settings, string thisRun, string technique, Scenario scenario, string fingerprint, Action<string> log)
    {
        if (!Directory.Exists(settings.ResultsDirectory))
        {
            return [];
        }

        var name = $"{technique}.{scenario}.verdicts.json";
        var found = new List<(DateTime Written, Verdict Verdict)>();
        foreach (var folder in Directory.GetDirectories(settings.ResultsDirectory))
        {
            var path = Path.Combine(folder, name);
            if (Path.GetFileName(folder) == thisRun || new DirectoryInfo(folder).LinkTarget is not null || !File.Exists(path))
            {
                continue; // results/latest is a link to one of the runs
            }

            try
            {
                var budget = StrictJson.Read<List<Verdict>>(
                        path, "Verdicts", null, null, "It is left out of the wander between runs; move it out of the results directory to silence this.",
                        (message, inner) => new InvalidDataException(message, inner),
                        verdicts => verdicts.Where(v => v.SchemaVersion != Verdict.CurrentSchemaVersion)
                            .Select(v => $"schemaVersion is {v.SchemaVersion}; this build reads version {Verdict.CurrentSchemaVersion}"))
                    .FirstOrDefault(v => v.Kind == "budget" && v.Fingerprint == fingerprint && !v.ClaimsNothing);
                if (budget is not null)
                {
                    found.Add((File.GetLastWriteTimeUtc(path), budget));
                }
            }
            catch (InvalidDataException e)
            {
                log(e.Message);
            }
        }

        return [.. found.OrderByDescending(f => f.Written).Take(WanderAcrossRuns.MostEarlierRuns).Select(f => f.Verdict)];
    }
}
