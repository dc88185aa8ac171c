using System.Text;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// What a unit of work costs the SUT's host, per technique and scenario, bare metal included: the median of the
/// iterations' <see cref="Metric.SutHostCpuPerGbit"/> (streams) or <see cref="Metric.SutHostCpuPerMillion"/>
/// (request/response and memcached), and for a paired row the same of the bare metal measured beside it, so each
/// technique's total cost is read against bare metal's own servers' (the study could not measure host CPU at all).
/// </summary>
public static class CostPerWork
{
    /// <summary>The metric of <paramref name="scenario"/>'s cost per unit of work.</summary>
    public static Metric MetricOf(Scenario scenario) =>
        Scenarios.HeadlineMetric(scenario) == Metric.Throughput ? Metric.SutHostCpuPerGbit : Metric.SutHostCpuPerMillion;

    /// <summary>The section of summary.md, or nothing when no row measured its host CPU.</summary>
    public static string Markdown(RunReport report)
    {
        // Only the scenarios some row measured it in: a capacity search measures no host CPU.
        var scenarios = report.Scenarios.Where(s => report.Techniques.Any(t => Cell(report, t, s).Length > 0)).ToList();
        if (scenarios.Count == 0)
        {
            return "";
        }

        var cells = report.Techniques.ToDictionary(t => t, t => scenarios.Select(s => Cell(report, t, s)).ToList());
        var md = new StringBuilder("\n## Host CPU per unit of work\n\n");
        md.Append("CPU-seconds the SUT's host spent per Gbit carried (streams) or per million transactions or requests (the rest), ")
            .Append("the median over the iterations: the technique's whole cost (a container's cgroup, QEMU with its threads, bare metal's ")
            .Append("servers). In brackets, the bare metal measured beside it in the same row, and the ratio.\n\n");
        md.Append("| technique | ").AppendJoin(" | ", scenarios.Select(s => $"{s} ({Metrics.Unit(MetricOf(s))})")).Append(" |\n");
        md.Append("|---|").Append(string.Concat(scenarios.Select(_ => "---|"))).Append('\n');
        foreach (var (technique, row) in cells.Where(c => c.Value.Any(cell => cell.Length > 0)))
        {
            md.Append("| ").Append(technique).Append(" | ").AppendJoin(" | ", row).Append(" |\n");
        }

        return md.ToString();
    }

    private static string Cell(RunReport report, string technique, Scenario scenario)
    {
        var metric = MetricOf(scenario);
        if (report.Row(technique, scenario) is not { } row || Median(row.Measurement, metric) is not { } own)
        {
            return "";
        }

        return row.PairedBareMetal is { } bare && Median(bare, metric) is { } yardstick && yardstick > 0
            ? Invariant($"{own:G3} ({yardstick:G3}; {own / yardstick:0.0#}x)")
            : Invariant($"{own:G3}");
    }

    /// <summary>The median of <paramref name="metric"/> over the iterations that have it, or null.</summary>
    public static double? Median(Measurement measurement, Metric metric) =>
        measurement.Iterations.Select(i => i.Metrics.TryGetValue(metric, out var v) ? v : (double?)null).OfType<double>().ToList() is { Count: > 0 } values
            ? MetricSummary.Of(values).Median
            : null;
}
