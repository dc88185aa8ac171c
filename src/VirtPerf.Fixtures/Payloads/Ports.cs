using System.Net;
using System.Net.Sockets;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>Waits for a server to accept TCP connections.</summary>
public static class Ports
{
    /// <summary>
    /// Polls <paramref name="address"/>:<paramref name="port"/> until a connect succeeds. Fails as soon as
    /// <paramref name="gone"/> says the server is gone, or after <paramref name="timeout"/>; either way with the
    /// exception <paramref name="problem"/> makes of the message (it adds the server's command and output).
    /// </summary>
    public static async Task WaitUntilOpenAsync(
        IPAddress address, int port, TimeSpan timeout, Func<bool> gone, Func<string, Task<Exception>> problem,
        CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (gone())
            {
                throw await problem($"The server exited before {address}:{port} accepted connections.");
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
                throw await problem($"{address}:{port} did not accept connections within {timeout.TotalSeconds:0} s ({e.SocketErrorCode}).");
            }
        }
    }
}
