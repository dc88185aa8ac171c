using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>One line or bar group of a scenario's plot: a technique's measurement, or a paired bare-metal one.</summary>
internal sealed record ScenarioSeries(string Label, string Technique, Measurement Measurement)
{
    /// <summary>The scenario's rows in the study's technique order; when the run has no BareMetal row of the
    /// scenario, the paired bare-metal measurements stand in for it, each named after the row it was paired with.</summary>
    public static IReadOnlyList<ScenarioSeries> Of(RunReport report, Scenario scenario)
    {
        var rows = report.Techniques.Select(t => report.Row(t, scenario)).OfType<ReportRow>().ToList();
        var series = new List<ScenarioSeries>();
        if (rows.All(r => r.Measurement.Technique != Techniques.BareMetal))
        {
            series.AddRange(rows.Where(r => r.PairedBareMetal is not null).Select(r =>
                new ScenarioSeries($"{Techniques.BareMetal} (paired, {r.Measurement.Technique})", Techniques.BareMetal, r.PairedBareMetal!)));
        }

        series.AddRange(rows.Select(r => new ScenarioSeries(r.Measurement.Technique, r.Measurement.Technique, r.Measurement)));
        return series;
    }
}
