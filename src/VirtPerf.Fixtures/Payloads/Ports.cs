using System.Net;
using System.Net.Sockets;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>Waits for a server to accept TCP connections.</summary>
public static class Ports
{
    /// <summary>Polls <paramref name="address"/>:<paramref name="port"/> until a connect succeeds; fails early if
    /// <paramref name="server"/> exits, and after <paramref name="timeout"/> with the server's output.</summary>
    public static async Task WaitUntilOpenAsync(
        IPAddress address, int port, ToolProcess server, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (server.HasExited)
            {
                throw server.Problem($"The server exited before {address}:{port} accepted connections.");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(address, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException e)
            {
                throw server.Problem($"{address}:{port} did not accept connections within {timeout.TotalSeconds:0} s ({e.SocketErrorCode}).");
            }
        }
    }
}
