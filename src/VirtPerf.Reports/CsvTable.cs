using System.Globalization;
using System.Text;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>
/// The run as one CSV table for spreadsheets and plotting tools: a line per technique, scenario and metric with the
/// iterations' statistics and, where there is a reference, the overhead with its interval and the verdict.
/// </summary>
public static class CsvTable
{
    /// <summary>The header line's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "technique", "scenario", "metric", "unit", "n", "mean", "median", "min", "max", "p10", "p90",
        "overhead_percent", "overhead_low", "overhead_high", "reference", "budget_percent", "outcome",
    ];

    /// <summary>The table, with a header line, lines ending in \n.</summary>
    public static string Render(RunReport report)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var row in report.Rows.OrderBy(r => RunReport.StudyOrder(r.Measurement.Technique)).ThenBy(r => r.Measurement.Scenario))
        {
            foreach (var metric in row.Measurement.MetricsMeasured)
            {
                var s = MetricSummary.Of(row.Measurement.Values(metric));
                var overhead = report.Overhead(row, metric);
                string[] cells =
                [
                    row.Measurement.Technique, row.Measurement.Scenario.ToString(), metric.ToString(), Metrics.Unit(metric),
                    N(s.N), N(s.Mean), N(s.Median), N(s.Min), N(s.Max), N(s.P10), N(s.P90),
                    N(overhead?.Overhead.Estimate), N(overhead?.Overhead.Low), N(overhead?.Overhead.High), overhead?.Reference ?? "",
                    N(overhead?.Verdict?.BudgetPercent), overhead?.Verdict?.Outcome.ToString() ?? "",
                ];
                csv.AppendJoin(',', cells.Select(Quote)).Append('\n');
            }
        }

        return csv.ToString();
    }

    private static string N(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
