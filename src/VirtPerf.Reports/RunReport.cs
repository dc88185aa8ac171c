using System.Text.Json;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>
/// A results folder read back: every row's measurement (<c>TECHNIQUE.SCENARIO.json</c>), its verdicts
/// (<c>.verdicts.json</c>) and its paired bare-metal measurement (<c>.paired-baremetal.json</c>).
/// </summary>
public sealed record RunReport(string Folder, IReadOnlyList<ReportRow> Rows)
{
    private const string VerdictsSuffix = ".verdicts.json";
    private const string PairedSuffix = ".paired-baremetal.json";

    /// <summary>When the run's first row started.</summary>
    public DateTimeOffset Started => Rows.Min(r => r.Measurement.Started);

    /// <summary>The run's name: its folder's.</summary>
    public string Name => Path.GetFileName(Folder);

    /// <summary>The scenarios that ran, in enum order (thesis order).</summary>
    public IReadOnlyList<Scenario> Scenarios => Rows.Select(r => r.Measurement.Scenario).Distinct().Order().ToList();

    /// <summary>The techniques that ran, in the study's order.</summary>
    public IReadOnlyList<string> Techniques => Rows.Select(r => r.Measurement.Technique).Distinct()
        .OrderBy(StudyOrder).ThenBy(t => t, StringComparer.Ordinal).ToList();

    /// <summary>The row of <paramref name="technique"/> and <paramref name="scenario"/>, or null.</summary>
    public ReportRow? Row(string technique, Scenario scenario) =>
        Rows.FirstOrDefault(r => r.Measurement.Technique == technique && r.Measurement.Scenario == scenario);

    /// <summary>
    /// The overhead of <paramref name="row"/> in <paramref name="metric"/> with its interval and, when judged, its
    /// outcome and budget: the budget verdict's when the row has one; else against the paired bare metal or this
    /// run's BareMetal row of the scenario (no outcome then); null for bare metal itself or with nothing to compare,
    /// which includes a bare metal with a figure of 0 where overheads divide by it (<see cref="Measurement.HasZero"/>).
    /// </summary>
    public (Interval Overhead, MetricVerdict? Verdict, string Reference)? Overhead(ReportRow row, Metric metric)
    {
        if (row.Budget?.Metrics.FirstOrDefault(m => m.Metric == metric) is { } judged)
        {
            return (judged.Overhead, judged, row.PairedBareMetal is null ? "baseline" : "paired");
        }

        var bare = row.PairedBareMetal ?? Row(VirtPerf.Workloads.Techniques.BareMetal, row.Measurement.Scenario)?.Measurement;
        if (row.Measurement.Technique == VirtPerf.Workloads.Techniques.BareMetal || bare is null
            || !row.Measurement.MetricsMeasured.Contains(metric) || !bare.MetricsMeasured.Contains(metric) || bare.HasZero(metric))
        {
            return null;
        }

        var (technique, reference) = (row.Measurement.Values(metric), bare.Values(metric));
        return row.PairedBareMetal is not null && technique.Count == reference.Count
            ? (OverheadIntervals.Paired(metric, technique, reference, OverheadGate.DefaultConfidence), null, "paired")
            : (OverheadIntervals.Difference(metric, OverheadIntervals.LogCosts(metric, technique), OverheadIntervals.LogCosts(metric, reference), OverheadGate.DefaultConfidence), null, "this run");
    }

    /// <summary>The row's log cost ratio per pair of <paramref name="metric"/> (its technique against the bare metal
    /// measured beside it), or null for a row without pairs: what differences between rows and runs are taken of.
    /// A figure of 0 on either side has no log: a verdict's overhead reads it as 100% lost through
    /// <see cref="Overhead.LogRatio"/>'s floor, but a difference of such logs is the floor's, not the row's (a
    /// technique that met the SLO at no rate, then at 2% of bare metal's capacity, would read as a change of -2e9%),
    /// so such a row has no pairs to take.</summary>
    public static IReadOnlyList<double>? LogRatios(ReportRow row, Metric metric) =>
        row.PairedBareMetal is { } bare && row.Measurement.MetricsMeasured.Contains(metric) && bare.MetricsMeasured.Contains(metric)
        && row.Measurement.Iterations.Count == bare.Iterations.Count && !bare.HasZero(metric) && !row.Measurement.HasZero(metric)
            ? OverheadIntervals.LogRatios(metric, row.Measurement.Values(metric), bare.Values(metric))
            : null;

    /// <summary>A technique's place in the catalog (the study's in thesis Table 7's order); unknown names go last.</summary>
    public static int StudyOrder(string technique) => Fixtures.Techniques.TechniqueCatalog.Order(technique);

    /// <summary>Reads a results folder; a file that cannot be read names itself.</summary>
    public static RunReport Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ReportException($"No results folder at {folder}: give a folder under results/ (e.g. results/latest).");
        }

        var rows = new List<ReportRow>();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(VerdictsSuffix, StringComparison.Ordinal) || path.EndsWith(PairedSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = path[..^".json".Length];
            rows.Add(new ReportRow(
                ReadMeasurement(path),
                File.Exists(stem + VerdictsSuffix) ? ReadVerdicts(stem + VerdictsSuffix) : [],
                File.Exists(stem + PairedSuffix) ? ReadMeasurement(stem + PairedSuffix) : null));
        }

        if (rows.Count == 0)
        {
            throw new ReportException($"{folder} holds no measurements (TECHNIQUE.SCENARIO.json): did every row skip?");
        }

        // results/latest is a link: the run is named, and found among its siblings, by the folder it points to.
        return new RunReport(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder), rows);
    }

    private const string Fix = "Was it written by another VirtNetPerf version, or edited? Measure the run again, or report it with the version that wrote it.";

    private static Measurement ReadMeasurement(string path)
    {
        var measurement = StrictJson.Read<Measurement>(
            path, "Result", null, Measurement.CurrentSchemaVersion, Fix, (message, inner) => new ReportException(message, inner),
            m => m.Problems("$", yardstick: false));
        var log = Path.ChangeExtension(path, LatencyLog.Extension);
        if (!File.Exists(log))
        {
            return measurement;
        }

        IReadOnlyList<HdrHistogram.HistogramBase> histograms;
        try
        {
            histograms = LatencyLog.Read(File.ReadAllText(log));
        }
        catch (FormatException e)
        {
            throw new ReportException($"Latency log {log}: {e.Message} {Fix}", e);
        }

        return histograms.Count == measurement.Iterations.Count
            ? measurement with { Iterations = [.. measurement.Iterations.Select((i, k) => i with { Latencies = histograms[k] })] }
            : throw new ReportException(
                $"Latency log {log} holds {histograms.Count} histograms for {measurement.Iterations.Count} iterations in {path}. {Fix}");
    }

    private static List<Verdict> ReadVerdicts(string path) => StrictJson.Read<List<Verdict>>(
        path, "Verdicts", null, null, Fix, (message, inner) => new ReportException(message, inner),
        verdicts => verdicts.Select((v, i) => (v, i)).Where(x => x.v.SchemaVersion != Verdict.CurrentSchemaVersion)
            .Select(x => $"$[{x.i}].schemaVersion is {x.v.SchemaVersion}; this build reads version {Verdict.CurrentSchemaVersion}"));
}

/// <summary>A results folder cannot be reported; the message names the file or folder.</summary>
public sealed class ReportException(string message, Exception? innerException = null) : Exception(message, innerException);
