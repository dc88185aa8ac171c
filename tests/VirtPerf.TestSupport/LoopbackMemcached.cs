using System.Net;
using System.Net.Sockets;
using System.Text;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.TestSupport;

/// <summary>A real memcached on 127.0.0.1 and a free port, for the load generator's tests and benchmarks.</summary>
public sealed class LoopbackMemcached : IAsyncDisposable
{
    private LoopbackMemcached(ToolProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    /// <summary>Why it cannot run here, or null.</summary>
    public static string? Unavailable => Tool.IsInstalled("memcached") ? null : "memcached is not installed: run scripts/setup.sh.";

    /// <summary>The port memcached listens on.</summary>
    public int Port { get; }

    /// <summary>The memcached process (to register with a run, or to put under a CPU quota).</summary>
    public ToolProcess Process { get; }

    /// <summary>Starts memcached with the study's server settings and waits until it accepts connections;
    /// <paramref name="start"/> starts the tool (a run's <c>RunRegistry.Start</c>, which records it), by default
    /// <see cref="ToolProcess.Start(string, IReadOnlyList{string})"/>.</summary>
    public static async Task<LoopbackMemcached> StartAsync(Func<string, IReadOnlyList<string>, ToolProcess>? start = null)
    {
        var port = FreePort();
        // A free port, not 11211: Debian's packaged memcached service may hold that one on loopback.
        var process = (start ?? ToolProcess.Start)("memcached", MemcachedServer.Arguments(
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

    /// <summary>memcached's <c>stats</c> (its protocol.txt, "General-purpose statistics"), by name, read over a
    /// connection of its own (which <c>curr_connections</c> counts).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StatsAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync("stats\r\n"u8.ToArray());
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().EndsWith("END\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                throw new IOException($"memcached on port {Port} closed the connection in the middle of its stats.");
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString().Split("\r\n").Select(line => line.Split(' ')).Where(f => f is ["STAT", _, _]).ToDictionary(f => f[1], f => f[2]);
    }

    /// <summary>Stops memcached.</summary>
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
