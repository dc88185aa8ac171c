using VirtPerf.Workloads.Memcached;
using VirtPerf.Mutilate;

if (LoadCommandLine.AsksForHelp(args))
{
    Console.WriteLine(LoadCommandLine.Usage);
    return 0;
}

LoadOptions options;
LoadPlan plan;
SampleFile? samples;
try
{
    (options, plan) = LoadCommandLine.Parse(args);
    samples = options.Save is null ? null : SampleFile.Create(options.Save);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"VirtPerf.Mutilate: {e.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // finish the iteration in progress (it is bounded by -t), then stop
    cancel.Cancel();
};

var table = new LoadTable(plan);
try
{
    await LoadSession.RunAsync(options, plan, e =>
    {
        Console.WriteLine(plan.Json ? e.ToJson() : table.Format(e));
        if (samples is not null && e.Kind is LoadEventKind.Measured or LoadEventKind.Capacity && e.Result?.Samples is { } measured)
        {
            samples.Append(measured);
            if (!plan.Json)
            {
                Console.WriteLine($"Saving latency samples to {samples.Path}.");
            }
        }
    }, cancel.Token);
    return 0;
}
catch (MemcacheException e)
{
    Console.Error.WriteLine($"VirtPerf.Mutilate: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("VirtPerf.Mutilate: interrupted.");
    return 130;
}
