using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>
/// A payload server running directly on the SUT host (bare metal), in the foreground so we own its process: recorded
/// in the run registry while it runs, ready once its port accepts connections, stopped (SIGINT, then kill) on dispose.
/// </summary>
public abstract class PayloadProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly ToolProcess _process;
    private readonly string _runId;
    private readonly RunRegistry _registry;

    /// <summary>Takes over <paramref name="process"/>, started for the run <paramref name="runId"/>.</summary>
    protected PayloadProcess(ToolProcess process, string runId, RunRegistry registry)
    {
        _process = process;
        _runId = runId;
        _registry = registry;
    }

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.ProcessId;

    /// <summary>Stops the server (SIGINT, then kill) and forgets its pid.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _registry.RemoveProcess(_runId, _process.ProcessId);
    }

    /// <summary>
    /// Starts <paramref name="tool"/> with <paramref name="arguments"/>, records it for the run, and waits until
    /// <paramref name="address"/>:<paramref name="port"/> accepts connections; a server that does not get there is
    /// stopped and forgotten, and the error carries its command line and output.
    /// </summary>
    protected static async Task<TServer> StartAsync<TServer>(
        string tool, IReadOnlyList<string> arguments, IPAddress address, int port, string runId, RunRegistry registry,
        Func<ToolProcess, TServer> adopt, CancellationToken cancellationToken)
        where TServer : PayloadProcess
    {
        var process = ToolProcess.Start(tool, arguments);
        var server = adopt(process);
        try
        {
            registry.AddProcess(runId, process);

            await Ports.WaitUntilOpenAsync(
                address, port, StartTimeout, () => process.HasExited, m => Task.FromResult<Exception>(process.Problem(m)), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
