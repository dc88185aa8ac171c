using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>One line or bar group of a scenario's plot: a technique's measurement, or a paired bare-metal one.</summary>
/// <param name="Label">The legend's name: the technique, or <c>BareMetal (paired, TECHNIQUE)</c>.</param>
/// <param name="Tick">The axis' name, short enough to stand under a bar group: the technique, or
/// <c>BareMetal (paired)</c> right before the row it was paired with.</param>
/// <param name="Technique">The technique measured, which picks the colour.</param>
/// <param name="Measurement">The measurement plotted.</param>
internal sealed record ScenarioSeries(string Label, string Tick, string Technique, Measurement Measurement)
{
    /// <summary>The scenario's rows in the study's technique order; when the run has no BareMetal row of the
    /// scenario, or <paramref name="everyPaired"/> asks for them anyway (a capacity search's points belong with its
    /// row's SLO), each row's paired bare-metal measurement stands right before that row.</summary>
    public static IReadOnlyList<ScenarioSeries> Of(RunReport report, Scenario scenario, bool everyPaired = false)
    {
        var rows = report.Techniques.Select(t => report.Row(t, scenario)).OfType<ReportRow>().ToList();
        var pairedStandIn = everyPaired || rows.All(r => r.Measurement.Technique != Techniques.BareMetal);
        var series = new List<ScenarioSeries>();
        foreach (var row in rows)
        {
            var technique = row.Measurement.Technique;
            if (pairedStandIn && row.PairedBareMetal is { } paired)
            {
                series.Add(new ScenarioSeries(
                    $"{Techniques.BareMetal} (paired, {technique})", $"{Techniques.BareMetal} (paired)", Techniques.BareMetal, paired));
            }

            series.Add(new ScenarioSeries(technique, technique, technique, row.Measurement));
        }

        return series;
    }
}
