using System.Net;
using System.Net.Sockets;
using System.Text;
using VirtPerf.Fixtures.Techniques;

namespace VirtPerf.Fixtures.Tests.Payloads;

/// <summary>Speaks memcached's ASCII protocol to a SUT endpoint from the test process, and checks what it answers.</summary>
internal static class MemcachedProbe
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    // The testbed's cable and the SUT networks all lie in RFC 2544's benchmarking block; nothing else is probed.
    private static readonly IPNetwork Benchmarking = IPNetwork.Parse("198.18.0.0/15");

    /// <summary>Asserts that memcached at the endpoint answers <c>version</c>, keeps what a <c>set</c> stores, and runs
    /// with the study's settings and <paramref name="threads"/> worker threads (<c>stats settings</c>).</summary>
    public static async Task ShouldServeAsync(SutEndpoint endpoint, int threads)
    {
        Benchmarking.Contains(endpoint.Address).Should().BeTrue($"only SUT addresses are probed, not {endpoint.Address}");
        using var client = new TcpClient { NoDelay = true, ReceiveTimeout = (int)ReadTimeout.TotalMilliseconds };
        using (var connect = new CancellationTokenSource(ReadTimeout))
        {
            await client.ConnectAsync(endpoint.Address, endpoint.MemcachedPort!.Value, connect.Token);
        }

        var stream = client.GetStream();
        (await ExchangeAsync(stream, "version\r\n", "\r\n")).Should().StartWith("VERSION ").And.EndWith("\r\n");
        (await ExchangeAsync(stream, "set k 0 0 3\r\nabc\r\n", "\r\n")).Should().Be("STORED\r\n");
        (await ExchangeAsync(stream, "get k\r\n", "END\r\n")).Should().Be("VALUE k 0 3\r\nabc\r\nEND\r\n");
        (await ExchangeAsync(stream, "stats settings\r\n", "END\r\n")).Split("\r\n").Should().Contain([
            "STAT maxbytes 67108864", "STAT maxconns 1024", $"STAT num_threads {threads}", "STAT tcpport 11211", "STAT udpport 0",
        ]);
    }

    /// <summary>Sends <paramref name="request"/> and reads until the answer ends with <paramref name="end"/>.</summary>
    private static async Task<string> ExchangeAsync(NetworkStream stream, string request, string end)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (!answer.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break; // memcached closed the connection: what came so far is the answer
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }
}
