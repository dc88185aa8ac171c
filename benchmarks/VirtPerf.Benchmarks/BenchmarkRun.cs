using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Benchmarks;

/// <summary>A registered run with a local testbed and (unless asked not to) a netserver, cleaned up on dispose and on Ctrl-C.</summary>
internal sealed class BenchmarkRun : IAsyncDisposable
{
    private readonly HostCleanup _cleanup = HostCleanup.Default;
    private readonly SignalCleanup _signals;

    private BenchmarkRun(string runId)
    {
        RunId = runId;
        _signals = SignalCleanup.Register(() => _cleanup.RemoveRunAsync(runId));
    }

    public string RunId { get; }

    public LocalTestbed Testbed { get; private set; } = null!;

    public Netserver Netserver { get; private set; } = null!;

    public RunRegistry Registry => _cleanup.Registry;

    public static async Task<BenchmarkRun> StartAsync(bool withNetserver = true)
    {
        var cleanup = HostCleanup.Default;
        await cleanup.RemoveLeftoversAsync();
        var runId = ResourceNames.NewRunId();
        cleanup.Registry.Register(runId);
        var run = new BenchmarkRun(runId);
        try
        {
            run.Testbed = await LocalTestbed.CreateAsync(runId, cleanup.Registry);
            if (withNetserver)
            {
                run.Netserver = await Netserver.StartAsync(run.Testbed.HostAddress, Netserver.DefaultPort, runId, cleanup.Registry);
            }

            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cleanup.RemoveRunAsync(RunId);
        _signals.Dispose();
    }
}
