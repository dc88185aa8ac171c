using System.Globalization;
using System.Text;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// The capacity searches of a run (<see cref="Scenarios.Capacity"/>): each iteration of a capacity row is one search,
/// on the technique or on the bare metal measured beside it, and keeps every point it measured
/// (<see cref="Iteration.Points"/>). Here they are read out as one list, written as <see cref="FileName"/>, and
/// summarized with each row's SLO for summary.md.
/// </summary>
public static class CapacitySearches
{
    /// <summary>The file beside results.csv that holds every point of every search.</summary>
    public const string FileName = "capacity-points.csv";

    /// <summary>The side of a point measured on the row's own technique (bare metal, in a BareMetal row).</summary>
    public const string TechniqueSide = "technique";

    /// <summary>The side of a point measured on the bare metal beside the technique (the row's paired-baremetal file).</summary>
    public const string PairedSide = "paired-baremetal";

    /// <summary>The header line's columns: rates in requests/s, latencies in microseconds.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["technique", "scenario", "side", "iteration", "offered_per_s", "served_per_s", "p50_us", "p99_us"];

    /// <summary>Every point of every capacity row, row by row in the study's order, the technique's side before the
    /// bare metal's, each search's points in the order it measured them.</summary>
    public static IReadOnlyList<SearchPoint> Points(RunReport report) =>
        (from row in Rows(report)
         from side in new[] { (Side: TechniqueSide, Measurement: row.Measurement), (Side: PairedSide, Measurement: row.PairedBareMetal) }
         where side.Measurement is not null
         from iteration in side.Measurement!.Iterations
         from point in iteration.Points ?? []
         select new SearchPoint(row.Measurement.Technique, row.Measurement.Scenario, side.Side, iteration.Index, point))
        .ToList();

    /// <summary>The SLO <paramref name="measurement"/>'s searches looked for: the <c>--search N:X</c> (or
    /// <c>--search=N:X</c>) of the command line it recorded; null when there is none or it does not read.</summary>
    public static SearchTarget? Slo(Measurement measurement)
    {
        var words = measurement.Context.GetValueOrDefault("command", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var value = words[i] == "--search" && i + 1 < words.Length ? words[i + 1]
                : words[i].StartsWith("--search=", StringComparison.Ordinal) ? words[i]["--search=".Length..]
                : null;
            if (value is not null)
            {
                return SearchTarget.TryParse(value);
            }
        }

        return null;
    }

    /// <summary>The text of <see cref="FileName"/>: a header line, then a line per point; lines end in \n.</summary>
    public static string Csv(IReadOnlyList<SearchPoint> points)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var p in points)
        {
            csv.AppendJoin(',', p.Technique, p.Scenario, p.Side, p.Iteration.ToString(CultureInfo.InvariantCulture),
                N(p.Point.Offered), N(p.Point.Served), N(p.Point.P50), N(p.Point.P99)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The section of summary.md: each capacity row's SLO, its capacities and the bare metal's beside it;
    /// nothing for a run without capacity rows.</summary>
    public static string Markdown(RunReport report)
    {
        var rows = Rows(report);
        if (rows.Count == 0)
        {
            return "";
        }

        var md = new StringBuilder("\n## Capacity at the SLO\n\n");
        md.Append("Each iteration of a capacity row is one search for the highest open-loop rate whose latency percentile stays under the row's SLO, ")
            .Append("on the technique and on the bare metal beside it alternately; the matrix shows the mean capacity and the share of bare metal's lost. ")
            .Append("A search where no rate met the SLO found a capacity of 0; a row where one of bare metal's searches found 0 has nothing to compare with and claims nothing. ")
            .Append(Points(report).Count > 0
                ? Invariant($"Every point of every search is in `{FileName}` and on the latency-load plots.\n\n")
                : "The searches kept no points (results written before searches recorded them): no latency-load plot.\n\n");
        md.Append("| technique | scenario | SLO | capacity (req/s): median [min, max] | bare metal beside it | searches where no rate met the SLO |\n");
        md.Append("|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            var (measurement, bare) = (row.Measurement, row.PairedBareMetal);
            md.Append(Invariant($"| {measurement.Technique} | {measurement.Scenario} | {(Slo(measurement) is { } slo ? Describe(slo) : "not recorded")} | "))
                .Append(Capacities(measurement)).Append(" | ").Append(bare is null ? "" : Capacities(bare)).Append(" | ")
                .Append(Misses(measurement)).Append(bare is null ? "" : $"; bare metal {Misses(bare)}").Append(" |\n");
        }

        return md.ToString();
    }

    private static List<ReportRow> Rows(RunReport report) =>
        [.. report.Rows.Where(r => Scenarios.Capacity.Contains(r.Measurement.Scenario))
            .OrderBy(r => RunReport.StudyOrder(r.Measurement.Technique)).ThenBy(r => r.Measurement.Scenario)];

    private static string Capacities(Measurement measurement)
    {
        if (!measurement.MetricsMeasured.Contains(Metric.Capacity))
        {
            return "n/a";
        }

        var s = MetricSummary.Of(measurement.Values(Metric.Capacity));
        return Invariant($"{s.Median:#,0} [{s.Min:#,0}, {s.Max:#,0}]");
    }

    private static string Misses(Measurement measurement) =>
        Invariant($"{measurement.Iterations.Count(i => i.Metrics.GetValueOrDefault(Metric.Capacity) == 0)} of {measurement.Iterations.Count}");

    /// <summary>An SLO in a sentence's words, e.g. <c>p99 ≤ 500 µs</c>.</summary>
    internal static string Describe(SearchTarget slo) => Invariant($"p{slo.Percentile:0.###} ≤ {slo.LimitMicroseconds:0.###} µs");

    private static string N(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>One point of a capacity search, with where it was measured.</summary>
/// <param name="Technique">The row's technique.</param>
/// <param name="Scenario">The row's scenario.</param>
/// <param name="Side"><see cref="CapacitySearches.TechniqueSide"/> or <see cref="CapacitySearches.PairedSide"/>.</param>
/// <param name="Iteration">The search's iteration index on its side (pairs share it).</param>
/// <param name="Point">What the search measured at that rate.</param>
public sealed record SearchPoint(string Technique, Scenario Scenario, string Side, int Iteration, LoadPoint Point);
