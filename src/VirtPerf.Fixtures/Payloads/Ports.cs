using System.Net;
using System.Net.Sockets;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>Waits for a server to accept TCP connections.</summary>
public static class Ports
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits for each of <paramref name="ports"/> on <paramref name="address"/> in turn, all within one
    /// <paramref name="timeout"/> (a SUT running several servers is ready when they all accept connections).
    /// </summary>
    /// <remarks>From <paramref name="from"/> when given (a client namespace: a server only its link reaches, such as a
    /// container on a macvlan of the cable, which the host cannot reach), else from this process.</remarks>
    public static async Task WaitUntilOpenAsync(
        IPAddress address, IReadOnlyList<int> ports, TimeSpan timeout, Func<bool> gone, Func<string, Task<Exception>> problem,
        CancellationToken cancellationToken = default, VirtPerf.Workloads.ClientHost? from = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in ports)
        {
            var left = deadline - DateTime.UtcNow;
            await WaitUntilOpenAsync(address, port, left > TimeSpan.Zero ? left : TimeSpan.Zero, gone, problem, cancellationToken, from);
        }
    }

    /// <summary>
    /// Polls <paramref name="address"/>:<paramref name="port"/> until a connect succeeds. Fails as soon as
    /// <paramref name="gone"/> says the server is gone, or after <paramref name="timeout"/>; either way with the
    /// exception <paramref name="problem"/> makes of the message (it adds the server's command and output).
    /// </summary>
    public static async Task WaitUntilOpenAsync(
        IPAddress address, int port, TimeSpan timeout, Func<bool> gone, Func<string, Task<Exception>> problem,
        CancellationToken cancellationToken = default, VirtPerf.Workloads.ClientHost? from = null)
    {
        if (from is { Wrapper.Count: > 0 })
        {
            await WaitFromAsync(from, address, port, timeout, gone, problem, cancellationToken);
            return;
        }

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (gone())
            {
                throw await problem($"The server exited before {address}:{port} accepted connections.");
            }

            using var client = new TcpClient();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(AttemptTimeout); // one connect can otherwise wait out the kernel's SYN retries (minutes)
            try
            {
                await client.ConnectAsync(address, port, attempt.Token);
                return;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    var why = e is SocketException socket ? socket.SocketErrorCode.ToString() : "no answer";
                    throw await problem($"{address}:{port} did not accept connections within {timeout.TotalSeconds:0} s ({why}).");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }

    // bash's /dev/tcp connects from the client host; timeout(1) bounds each attempt as AttemptTimeout does above.
    private static async Task WaitFromAsync(
        VirtPerf.Workloads.ClientHost from, IPAddress address, int port, TimeSpan timeout, Func<bool> gone, Func<string, Task<Exception>> problem,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var (target, arguments) = from.Command("timeout", [$"{AttemptTimeout.TotalSeconds:0}", "bash", "-c", $"exec 3<>/dev/tcp/{address}/{port}"]);
        while (true)
        {
            if (gone())
            {
                throw await problem($"The server exited before {address}:{port} accepted connections.");
            }

            var attempt = await VirtPerf.Cli.Tool.RunAsync(target, arguments, cancellationToken, allowFailure: true);
            if (attempt.ExitCode == 0)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw await problem($"{address}:{port} did not accept connections from {from.Description} within {timeout.TotalSeconds:0} s ({attempt.StandardError.Trim()}).");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
