using VirtPerf.Workloads.Memcached;
using VirtPerf.Mutilate;

if (args is ["-h"] or ["--help"])
{
    Console.WriteLine(LoadCommandLine.Usage);
    return 0;
}

LoadOptions options;
LoadPlan plan;
try
{
    (options, plan) = LoadCommandLine.Parse(args);
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

try
{
    await LoadSession.RunAsync(options, plan, e => Console.WriteLine(plan.Json ? e.ToJson() : LoadTable.Format(e, plan)), cancel.Token);
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
