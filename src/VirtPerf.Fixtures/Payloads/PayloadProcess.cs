using System.Net;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>
/// A payload server running directly on the SUT host (bare metal, here or over SSH), in the foreground so we own its
/// process: recorded for the run while it runs, ready once its port accepts connections, stopped on dispose.
/// </summary>
public abstract class PayloadProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly SutProcess _process;

    /// <summary>Takes over <paramref name="process"/>.</summary>
    protected PayloadProcess(SutProcess process) => _process = process;

    /// <summary>The local process id: the server's on this machine, its ssh session's for a remote SUT host.</summary>
    public int ProcessId => _process.Process.ProcessId;

    /// <summary>Stops the server (SIGINT, then kill) and forgets it.</summary>
    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    /// <summary>
    /// Starts <paramref name="tool"/> with <paramref name="arguments"/> on <paramref name="host"/> (this machine when
    /// null) as the run's <paramref name="role"/>, and waits until <paramref name="address"/>:<paramref name="port"/>
    /// accepts connections; a server that does not get there is stopped, and the error carries its command line and
    /// output. A tool the host lacks makes the technique unavailable, saying <paramref name="install"/>.
    /// </summary>
    protected static async Task<TServer> StartAsync<TServer>(
        SutHost? host, string tool, IReadOnlyList<string> arguments, IPAddress address, int port, string runId, string role,
        RunRegistry registry, string install, Func<SutProcess, TServer> adopt, CancellationToken cancellationToken)
        where TServer : PayloadProcess
    {
        host ??= LocalSutHost.Instance;
        if (!await host.IsInstalledAsync(tool, cancellationToken))
        {
            throw new Techniques.TechniqueUnavailableException($"{tool} is not installed on {host.Description}: {install}");
        }

        var server = adopt(host.Start(runId, role, tool, arguments, registry));
        try
        {
            var process = server._process.Process;
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
