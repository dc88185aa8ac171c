using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>The paired row (the default): bare metal on its own ports beside the technique, measured alternately.</summary>
public sealed partial class TechniqueRow
{
    private async Task<RowResult> PairedAsync(Row row, CancellationToken cancellationToken)
    {
        var (settings, host) = (row.Settings, technique.Run.Testbed!.Sut);
        var store = new BaselineStore(settings.BaselinesDirectory);
        var recording = settings.Record == RecordMode.Replace;
        var budgets = OverheadBudgets.Load(settings.BudgetsFile);
        var accepted = recording ? null : store.LoadAccepted(row.Testbed, row.Scenario, technique.Technique);
        var profile = recording ? row.Reference : settings.Profile;
        await using var bare = await BareMetalServers.StartAsync(
            technique.Run.Testbed!, technique.Run.RunId, technique.Run.Registry, cancellationToken: cancellationToken);
        var sides = new EndpointSides(row.Workload.MeasureOn, profile, technique.Endpoint!, technique.SutHostCpu, bare.Endpoint, bare.HostCpu);
        Func<double>? ours = technique.Run.Testbed is LocalTestbed
            ? () => HostLoad.ThisProcessTree() + technique.CpuOutsideTestProcess()
            : null;
        var earlier = EarlierVerdicts.Of(settings, results.Name(settings, technique.Run.RunId), technique.Technique, row.Scenario, row.Testbed.Id, log);
        var before = await HostLoad.ReadAsync(host, ours, cancellationToken);

        Measurement Technique(PairedRun run) => row.Build(technique, profile, run.Technique, technique.Endpoint!);
        Measurement Bare(PairedRun run) => row.Build(technique, profile, run.BareMetal, bare.Endpoint, Techniques.BareMetal);
        IReadOnlyList<Verdict> Judge(PairedRun run)
        {
            if (UnattainableSlo(run) is not null)
            {
                return []; // nothing to judge, and measuring more would not help
            }

            var (t, b) = (Technique(run), Bare(run));
            var budget = OverheadGate.AgainstBudget(t, b, budgets, earlier: earlier);
            return accepted is null ? [budget] : [budget, OverheadGate.AgainstAccepted(t, b, accepted, budgets)];
        }

        var (run, verdicts) = recording
            ? (await Measured(), [])
            : await PairedRun.JudgeAsync(sides, row.Scenario, profile, Judge, log, cancellationToken);
        async Task<PairedRun> Measured()
        {
            var paired = new PairedRun(sides, row.Scenario, log);
            await paired.MeasureAsync(profile.Iterations, cancellationToken);
            return paired;
        }

        var noise = before is not null && await HostLoad.ReadAsync(host, ours, cancellationToken) is { } after
            ? before.To(after, host.Facts.Cores)
            : null;
        var busy = noise is { Busy: true } && technique.CostFollowsHostLoad is not null;
        verdicts = verdicts.Select(v => v with { Noise = noise, HostBusy = busy }).ToList();
        var (measurement, pairedBare) = (Technique(run), Bare(run));
        log($"results: {results.Write(measurement, settings)}");
        log($"paired bare metal: {results.WritePaired(measurement, pairedBare, settings)}");
        if (recording)
        {
            log($"recorded as {technique.Technique}'s accepted overhead ({run.Pairs} pairs; not judged): {store.Record(AcceptedOverhead.Of(measurement, pairedBare))}");
            return new RowResult(measurement, [], null);
        }

        if (UnattainableSlo(run) is { } unattainable)
        {
            return new RowResult(measurement, [], unattainable);
        }

        log($"verdicts: {results.Write(measurement, verdicts, settings)}");
        Report(verdicts);
        return new RowResult(measurement, verdicts, busy ? HostBusy(noise!) : Undecided(verdicts, profile));
    }

    /// <summary>Why a row of a technique whose cost follows the host's free CPU claims nothing beside other work.</summary>
    private string HostBusy(HostNoise noise) =>
        $"undecided: other work took {noise.OtherWorkPercent:0}% of the host's CPUs while this row ran ({noise}), more than the "
        + $"{HostNoise.MostOtherWorkPercent:0}% beside which {technique.Technique} is judged: {technique.CostFollowsHostLoad}. Its overhead "
        + "measured now holds only for a host this busy, and a run at a quiet time would disagree; the row claims nothing. "
        + "Rerun when the host is quieter.";

    /// <summary>Null unless bare metal itself met a capacity row's SLO at no rate in some pair: then a capacity lost
    /// has no meaning (0 of 0, or a technique "better" than a bare metal that was unlucky) and the row claims nothing.</summary>
    private static string? UnattainableSlo(PairedRun run)
    {
        var zero = run.BareMetal.Count(i => i.Metrics.TryGetValue(Metric.Capacity, out var capacity) && capacity == 0);
        return zero == 0 ? null
            : $"undecided: bare metal met the SLO at no rate in {zero} of {run.Pairs} searches: on this testbed now, its own latency "
            + "(host load, wake-ups of idle threads at low rates) misses the SLO, and a capacity lost would mean nothing; the row "
            + "claims nothing. Rerun on a quieter machine or loosen the SLO (VIRTPERF_CAPACITY_SLO, README \"Capacity\").";
    }

    /// <summary>Null when every verdict decided; else what the row could not say, and why.</summary>
    private static string? Undecided(IReadOnlyList<Verdict> verdicts, Profile profile)
    {
        var thin = verdicts.Where(v => v.ThinEvidence).ToList();
        if (thin.Count == 0)
        {
            return null;
        }

        var metrics = thin.SelectMany(v => v.Metrics.Where(m => m.Outcome == Outcome.Undecided).Select(m => $"{v.Kind} {m}"));
        return $"undecided: after {profile.MostIterations} pairs, the profile's most, the testbed was too noisy to decide at the "
            + $"stated confidence ({thin[0].Noise?.ToString() ?? "load not read"}); the row claims nothing. Undecided:\n  "
            + string.Join("\n  ", metrics)
            + "\nRerun on a quieter machine, or allow more pairs (VIRTPERF_MAX_ITERATIONS).";
    }

    private void Report(IReadOnlyList<Verdict> verdicts)
    {
        foreach (var verdict in verdicts)
        {
            log($"{verdict.Kind} verdict: {verdict.Outcome}{(verdict.HostBusy ? " (beside too much other work: claims nothing)" : verdict.ThinEvidence ? " (undecided at the profile's most pairs: claims nothing)" : "")}");
            foreach (var metric in verdict.Metrics)
            {
                log($"  {metric}");
            }

            log($"  note: {verdict.Note}{(verdict.Noise is { } noise ? $"; {noise}" : "")}");
        }
    }
}
