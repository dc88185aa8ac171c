using System.Net;
using System.Net.Sockets;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.TestSupport;

/// <summary>A real memcached on 127.0.0.1 and a free port, for the load generator's tests and benchmarks.</summary>
public sealed class LoopbackMemcached : IAsyncDisposable
{
    private readonly ToolProcess _process;

    private LoopbackMemcached(ToolProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Why it cannot run here, or null.</summary>
    public static string? Unavailable => Tool.IsInstalled("memcached") ? null : "memcached is not installed: run scripts/setup.sh.";

    /// <summary>The port memcached listens on.</summary>
    public int Port { get; }

    /// <summary>Starts memcached with the study's server settings and waits until it accepts connections.</summary>
    public static async Task<LoopbackMemcached> StartAsync()
    {
        var port = FreePort();
        // A free port, not 11211: Debian's packaged memcached service may hold that one on loopback.
        var process = ToolProcess.Start("memcached", MemcachedServer.Arguments(
            Environment.ProcessorCount, IPAddress.Loopback, Environment.IsPrivilegedProcess ? "nobody" : null, port));
        var server = new LoopbackMemcached(process, port);
        try
        {
            await Ports.WaitUntilOpenAsync(
                IPAddress.Loopback, port, TimeSpan.FromSeconds(10), () => process.HasExited, m => Task.FromResult<Exception>(process.Problem(m)));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops memcached.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
