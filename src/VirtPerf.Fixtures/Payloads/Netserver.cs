using System.Globalization;
using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>netserver on the SUT host, bound to the testbed address, in the foreground so we own its process.</summary>
public sealed class Netserver : IAsyncDisposable
{
    /// <summary>netserver's default control port (netserver(1)).</summary>
    public const int DefaultPort = 12865;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly ToolProcess _process;
    private readonly string _runId;
    private readonly RunRegistry _registry;

    private Netserver(ToolProcess process, string runId, RunRegistry registry)
    {
        _process = process;
        _runId = runId;
        _registry = registry;
    }

    /// <summary>The process id of netserver.</summary>
    public int ProcessId => _process.ProcessId;

    /// <summary>Starts netserver on <paramref name="address"/>:<paramref name="port"/> and waits until it accepts connections.</summary>
    public static async Task<Netserver> StartAsync(
        IPAddress address, int port, string runId, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        if (!Tool.IsInstalled("netserver"))
        {
            throw new TechniqueUnavailableException(
                "netserver is not installed: run scripts/setup.sh (it installs netperf from Debian's non-free component).");
        }

        // -D: stay in the foreground (we own the pid); -4 -L: listen on the testbed address only.
        var process = ToolProcess.Start(
            "netserver", ["-D", "-4", "-L", address.ToString(), "-p", port.ToString(CultureInfo.InvariantCulture)]);
        var server = new Netserver(process, runId, registry);
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

    /// <summary>Stops netserver (SIGINT, then kill) and forgets its pid.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _registry.RemoveProcess(_runId, _process.ProcessId);
    }
}
