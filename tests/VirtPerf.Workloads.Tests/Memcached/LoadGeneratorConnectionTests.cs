using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VirtPerf.Cli;
using VirtPerf.TestSupport;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>Threads, connections, several servers and measuring connections against real memcacheds on loopback, and
/// the raw samples of <c>--save</c>.</summary>
public sealed class LoadGeneratorConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private LoopbackMemcached? _first;
    private LoopbackMemcached? _second;

    public async Task InitializeAsync()
    {
        if (LoopbackMemcached.Unavailable is null)
        {
            _first = await LoopbackMemcached.StartAsync();
            _second = await LoopbackMemcached.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var memcached in new[] { _first, _second })
        {
            if (memcached is not null)
            {
                await memcached.DisposeAsync();
            }
        }
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task Two_threads_of_two_connections_open_four_connections_that_all_complete_requests()
    {
        var first = First();
        var before = await ConnectionsAsync(_first!);

        using var generator = await LoadGenerator.ConnectAsync(new LoadOptions { Servers = [first], Threads = 2, Connections = 2, Records = 1000 });
        var opened = await ConnectionsAsync(_first!, until: before + 4);
        generator.Load();
        var run = generator.Run(Short);

        opened.Should().Be(before + 4, "memcached's curr_connections counts every connection of -T 2 -c 2");
        run.RequestsPerConnection.Should().HaveCount(4).And.OnlyContain(n => n > 100, "each thread's loop drives both its connections");
        run.Requests.Should().Be(run.RequestsPerConnection!.Sum());
        (run.Misses, run.Corrupt).Should().Be((0, 0));
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task Every_server_holds_its_share_of_the_keys_and_gets_load()
    {
        var (first, second) = (First(), Second());

        using var generator = await LoadGenerator.ConnectAsync(new LoadOptions { Servers = [first, second], Records = 3000, Connections = 2 });
        var load = generator.Load();
        var run = generator.Run(Short);
        var stats = new[] { await _first!.StatsAsync(), await _second!.StatsAsync() };

        load.Sets.Should().Be(3000, "Mutilate divides -r over the servers: 1500 keys on each");
        stats.Select(s => s["curr_items"]).Should().Equal("1500", "1500");
        stats.Select(s => long.Parse(s["cmd_get"], CultureInfo.InvariantCulture)).Should().OnlyContain(gets => gets > 100);
        run.RequestsPerConnection.Should().HaveCount(4).And.OnlyContain(n => n > 100);
        run.Misses.Should().Be(0, "every server was loaded with the same key names");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task With_a_measuring_connection_the_latency_reported_is_its_own_and_qps_counts_every_connection()
    {
        var options = new LoadOptions { Servers = [First()], Records = 1000, Depth = 1024 };
        using var loadOnly = await LoadGenerator.ConnectAsync(options);
        loadOnly.Load();
        var queued = loadOnly.Run(Short);

        using var generator = await LoadGenerator.ConnectAsync(options with { MeasureConnections = 1, MeasureQps = 500 });
        var measured = generator.Run(TimeSpan.FromSeconds(2));

        measured.RequestsPerConnection.Should().HaveCount(2);
        var (load, measuring) = (measured.RequestsPerConnection![0], measured.RequestsPerConnection[1]);
        measuring.Should().BeCloseTo(1000, 200, "-Q 500 for 2 s");
        measured.Requests.Should().Be(load + measuring);
        measured.Latency!.Count.Should().Be(measuring, "only the measuring connection's requests are in the latency");
        measured.LatencyFromIntended.Should().NotBeNull("the measuring connection runs open loop even when the load is closed");
        measured.LatencyFromIntended!.P50.Should().BeLessThan(queued.Latency!.P50 / 2, "a get of its own does not queue behind 1024 in flight");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task Save_keeps_every_reported_get_with_its_send_time_and_latency()
    {
        using var generator = await LoadGenerator.ConnectAsync(new LoadOptions { Servers = [First()], Records = 500, UpdateRatio = 0.1, Save = "unused" });
        generator.Load();

        var run = generator.Run(Short);

        run.Samples.Should().HaveCount((int)run.Gets, "one sample per get, none for sets (Mutilate's get_sampler)");
        run.Samples.Should().BeInAscendingOrder(s => s.StartSeconds).And.OnlyContain(s => s.Microseconds > 0);
        run.Samples!.Average(s => s.Microseconds).Should().BeApproximately(run.Read!.Mean, run.Read.Mean * 0.05);
    }

    [SkippableFact(Timeout = 120_000)]
    public async Task The_entry_point_writes_mutilates_save_file_that_reads_back_as_the_gets_it_reported()
    {
        var server = First();
        var file = Path.Combine(Path.GetTempPath(), $"virtperf-save-{Guid.NewGuid():N}.txt");
        try
        {
            var events = new List<LoadEvent>();
            await Tool.RunAsync(
                "dotnet", [MemcachedDriver.DefaultGenerator, $"-s{server}", "-t1", "-r500", "--json", $"--save={file}"],
                onOutputLine: line => events.Add(LoadEvent.Parse(line)));

            var gets = events.Single(e => e.Kind == LoadEventKind.Measured).Result!.Gets;
            using var reader = new StreamReader(file);
            var samples = LatencySample.Read(reader).ToList();
            samples.Should().HaveCount((int)gets).And.OnlyContain(s => s.StartSeconds > 0 && s.Microseconds > 0);
            File.ReadLines(file).First().Should().MatchRegex(@"^\d+\.\d{6} \d+\.\d{6}$", "Mutilate writes \"%f %f\\n\"");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData(1)] // the loop waits in recv(2)
    [InlineData(2)] // the loop waits in ppoll(2)
    public async Task A_server_that_never_answers_is_named_after_the_reply_timeout(int connections)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // never accepts: the kernel completes the connections, nothing reads or answers
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var generator = await LoadGenerator.ConnectAsync(
            new LoadOptions { Servers = [new("127.0.0.1", port)], Connections = connections, ReplyTimeout = TimeSpan.FromSeconds(1) });

        var run = () => generator.Run(TimeSpan.FromMilliseconds(200));

        run.Should().Throw<MemcacheException>().WithMessage($"memcached at 127.0.0.1:{port} did not answer within 1 s (1 requests in flight).");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_request_the_SUT_held_back_counts_from_its_scheduled_time()
    {
        // A "memcached" that answers every get with a miss 20 ms after reading it: 50 gets/s at most, one at a time.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var reader = new StreamReader(client.GetStream());
            var stream = client.GetStream();
            while (await reader.ReadLineAsync() is { } line && line.StartsWith("get ", StringComparison.Ordinal))
            {
                await Task.Delay(20);
                await stream.WriteAsync("END\r\n"u8.ToArray());
            }
        });
        var options = new LoadOptions { Servers = [new("127.0.0.1", port)], InterArrival = "fixed", ReplyTimeout = TimeSpan.FromSeconds(5) };
        using var generator = await LoadGenerator.ConnectAsync(options);

        var slow = generator.Run(TimeSpan.FromSeconds(1), qps: 200); // 4 times what it serves: requests queue behind the window

        slow.Latency!.P50.Should().BeInRange(19_000, 40_000, "from its send, a request takes the server's 20 ms");
        slow.LatencyFromIntended!.P50.Should().BeGreaterThan(5 * slow.Latency.P50, "held back by the SUT, a request counts from when it was due");
        generator.Dispose();
        await server.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Samples_read_back_as_written_and_a_bad_line_is_named()
    {
        var text = new StringWriter();
        LatencySample.Write(text, [new(0.5, 12.25), new(1.000001, 300)]);

        text.ToString().Should().Be("0.500000 12.250000\n1.000001 300.000000\n");
        LatencySample.Read(new StringReader(text.ToString())).Should().Equal(new LatencySample(0.5, 12.25), new LatencySample(1.000001, 300));
        var bad = () => LatencySample.Read(new StringReader("0.5 12\nnot a sample\n")).ToList();
        bad.Should().Throw<FormatException>().WithMessage("line 2 'not a sample' is not 'START_SECONDS LATENCY_US'.");
    }

    private static async Task<int> ConnectionsAsync(LoopbackMemcached memcached, int? until = null)
    {
        // memcached accepts a connection a moment after the client's connect returns; the stats connection counts itself.
        for (var attempt = 0; ; attempt++)
        {
            var connections = int.Parse((await memcached.StatsAsync())["curr_connections"], CultureInfo.InvariantCulture);
            if (until is null || connections == until || attempt == 50)
            {
                return connections;
            }

            await Task.Delay(100);
        }
    }

    private ServerAddress First()
    {
        Skip.If(_first is null, LoopbackMemcached.Unavailable);
        return new ServerAddress("127.0.0.1", _first!.Port);
    }

    private ServerAddress Second() => new("127.0.0.1", _second!.Port);
}
