namespace VirtPerf.Workloads.Memcached;

/// <summary>Carries out a <see cref="LoadPlan"/> on one set of connections, reporting each step as it ends.</summary>
public static class LoadSession
{
    /// <summary>Connects, then load phase, warm-up and the plan's iterations, capacity searches or load sweeps;
    /// <paramref name="report"/> gets every event in order (a <see cref="LoadEventKind.Started"/> right before each
    /// iteration, search or sweep).</summary>
    public static async Task RunAsync(
        LoadOptions options, LoadPlan plan, Action<LoadEvent> report, CancellationToken cancellationToken = default)
    {
        using var generator = await LoadGenerator.ConnectAsync(options, cancellationToken);
        if (plan.LoadPhase)
        {
            report(new LoadEvent(LoadEventKind.Loaded, Result: generator.Load()));
        }

        if (!plan.Measure)
        {
            return;
        }

        if (plan.WarmUpSeconds > 0)
        {
            generator.Run(TimeSpan.FromSeconds(plan.WarmUpSeconds));
            report(new LoadEvent(LoadEventKind.WarmedUp));
        }

        var length = TimeSpan.FromSeconds(plan.Seconds);
        for (var index = 0; index < plan.Iterations; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report(new LoadEvent(LoadEventKind.Started, index));
            LoadResult Probe(double qps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return generator.Run(length, qps);
            }

            if (plan.Search is { } target)
            {
                void Told(LoadEvent e) => report(e with { Iteration = index });
                var found = plan.SearchAsMutilate ? CapacitySearch.RunAsMutilate(target, Probe, Told) : CapacitySearch.Run(target, Probe, Told);
                report(new LoadEvent(LoadEventKind.Capacity, index, found.AtCapacity, found.Capacity, found.Peak));
            }
            else if (plan.Scan is { } scan)
            {
                foreach (var qps in scan.Rates())
                {
                    report(new LoadEvent(LoadEventKind.Probe, index, Probe(qps), qps));
                }
            }
            else
            {
                report(new LoadEvent(LoadEventKind.Measured, index, generator.Run(length)));
            }
        }
    }
}
