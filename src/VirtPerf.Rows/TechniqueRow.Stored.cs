using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>The stored mode (<c>VIRTPERF_GATE=stored</c>), for testbeds where bare metal cannot run beside the
/// technique: the technique alone, judged against the bare-metal baseline this testbed recorded earlier.</summary>
public sealed partial class TechniqueRow
{
    private async Task<RowResult> StoredAsync(Row row, CancellationToken cancellationToken)
    {
        var settings = row.Settings;
        var store = new BaselineStore(settings.BaselinesDirectory);
        var budgets = OverheadBudgets.Load(settings.BudgetsFile);
        var reference = store.LoadFor(row.Testbed, row.Scenario, settings.BaselineFrom);
        var profile = settings.Profile;
        var sides = new EndpointSides(row.Workload.MeasureOn, profile, technique.Endpoint!, technique.SutHostCpu);
        var iterations = new List<Iteration>(await sides.MeasureAsync(Side.Technique, profile.Iterations, cancellationToken));
        Measurement Measurement() => row.Build(technique, profile, iterations, technique.Endpoint!);
        IReadOnlyList<Verdict> verdicts = [];
        if (reference is { } baseline)
        {
            verdicts = await Adaptive.RunAsync(
                () => [OverheadGate.AgainstStoredBaseline(Measurement(), baseline.Baseline.Measurement, budgets, note: baseline.Note)],
                () => iterations.Count,
                profile,
                async more => iterations.AddRange(await sides.MeasureAsync(Side.Technique, more, cancellationToken)),
                log);
        }

        var measurement = Measurement();
        log($"results: {results.Write(measurement, settings)}");
        if (reference is null)
        {
            return new RowResult(measurement, [],
                $"measured and written, but not judged: no {row.Scenario} baseline for testbed {row.Testbed.Id}. Record one with "
                + "VIRTPERF_RECORD_BASELINE=1 dotnet test perf-tests --filter Technique=BareMetal, or use the paired gate (the default).");
        }

        log($"verdicts: {results.Write(measurement, verdicts, settings)}");
        Report(verdicts);
        return new RowResult(measurement, verdicts, Undecided(verdicts, profile));
    }
}
