using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>One row of a run: its measurement, its verdicts (none when it was not judged) and, in the paired
/// mode, the bare-metal measurement taken alongside it.</summary>
public sealed record ReportRow(Measurement Measurement, IReadOnlyList<Verdict> Verdicts, Measurement? PairedBareMetal)
{
    /// <summary>The budget verdict, if the row was judged.</summary>
    public Verdict? Budget => Verdicts.FirstOrDefault(v => v.Kind == "budget");

    /// <summary>The regression verdict, if an accepted measurement was there.</summary>
    public Verdict? Regression => Verdicts.FirstOrDefault(v => v.Kind == "regression");

    /// <summary>The row's name, <c>TECHNIQUE.SCENARIO</c>, as its files are named.</summary>
    public string Name => $"{Measurement.Technique}.{Measurement.Scenario}";
}
