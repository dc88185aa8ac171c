namespace VirtPerf.Workloads.Memcached;

/// <summary>Carries out a <see cref="LoadPlan"/> on one set of connections, reporting each step as it ends.</summary>
public static class LoadSession
{
    /// <summary>Connects, then load phase, warm-up and iterations as the plan says; <paramref name="report"/> gets
    /// every event in order (a <see cref="LoadEventKind.Started"/> right before each measured iteration).</summary>
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

        for (var index = 0; index < plan.Iterations; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report(new LoadEvent(LoadEventKind.Started, index));
            report(new LoadEvent(LoadEventKind.Measured, index, generator.Run(TimeSpan.FromSeconds(plan.Seconds))));
        }
    }
}
