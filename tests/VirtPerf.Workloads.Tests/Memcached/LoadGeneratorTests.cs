using System.Net.Sockets;
using System.Text;
using VirtPerf.TestSupport;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>The load generator against a real memcached on loopback (a fresh one per test).</summary>
public sealed class LoadGeneratorTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private LoopbackMemcached? _memcached;

    public async Task InitializeAsync()
    {
        if (LoopbackMemcached.Unavailable is null)
        {
            _memcached = await LoopbackMemcached.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_memcached is not null)
        {
            await _memcached.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task After_the_load_phase_every_get_hits_and_every_value_is_the_one_written()
    {
        using var generator = await ConnectAsync(new LoadOptions { Servers = [Loopback], Records = 2000 });

        var load = generator.Load();
        var read = generator.Run(Short);

        load.Sets.Should().Be(2000);
        read.Gets.Should().BeGreaterThan(1000);
        read.Sets.Should().Be(0);
        read.Misses.Should().Be(0);
        read.Corrupt.Should().Be(0);
        read.Latency!.Count.Should().Be(read.Gets);
        read.Update.Should().BeNull();
        read.LatencyFromIntended.Should().BeNull("a closed loop sends each request when it is due");
    }

    [SkippableFact]
    public async Task A_value_that_differs_from_the_one_written_is_counted_as_corrupt()
    {
        using var generator = await ConnectAsync(new LoadOptions { Servers = [Loopback], Records = 1, KeySize = "10", ValueSize = "100" });
        generator.Load();

        await RawAsync("set 0000000000 0 0 100\r\n" + new string('!', 100) + "\r\n", "STORED\r\n");
        var read = generator.Run(TimeSpan.FromMilliseconds(200));

        read.Gets.Should().BeGreaterThan(0);
        read.Corrupt.Should().Be(read.Gets);
    }

    [SkippableFact]
    public async Task Gets_of_keys_never_set_are_misses()
    {
        using var generator = await ConnectAsync(new LoadOptions { Servers = [Loopback], Records = 100, KeySize = "200" });

        var read = generator.Run(TimeSpan.FromMilliseconds(300));

        read.Gets.Should().BeGreaterThan(0);
        read.Misses.Should().Be(read.Gets);
    }

    [SkippableFact]
    public async Task The_update_ratio_is_the_fraction_of_sets_and_sets_move_the_value_bytes()
    {
        using var generator = await ConnectAsync(new LoadOptions { Servers = [Loopback], UpdateRatio = 0.03, Connections = 2, Depth = 4 });
        generator.Load();

        var mixed = generator.Run(Short);

        var ratio = mixed.Sets / (double)mixed.Requests;
        var standardError = Math.Sqrt(0.03 * 0.97 / mixed.Requests);
        ratio.Should().BeApproximately(0.03, 5 * standardError);
        mixed.Corrupt.Should().Be(0);
        mixed.Misses.Should().Be(0);
        mixed.Read!.Count.Should().Be(mixed.Gets);
        mixed.Update!.Count.Should().Be(mixed.Sets);
        mixed.BytesReceived.Should().BeGreaterThan(mixed.Gets * 10, "gets bring values back");
    }

    [SkippableFact]
    public async Task Updates_only_store_every_request()
    {
        using var generator = await ConnectAsync(new LoadOptions { Servers = [Loopback], UpdateRatio = 1.0, Depth = 16 });

        var update = generator.Run(Short);

        update.Gets.Should().Be(0);
        update.Sets.Should().BeGreaterThan(1000);
        update.Read.Should().BeNull();
        update.BytesSent.Should().BeGreaterThan(update.Sets * 30, "every set carries its key and value");
    }

    [SkippableFact]
    public async Task The_open_loop_holds_its_aggregate_rate_over_threads_and_connections_and_reports_latency_from_the_intended_send_time()
    {
        using var generator = await ConnectAsync(new LoadOptions { Servers = [Loopback], Records = 1000, Qps = 2000, Connections = 2, Threads = 2 });
        generator.Load();

        var open = generator.Run(TimeSpan.FromSeconds(2));

        open.Qps.Should().BeApproximately(2000, 200);
        open.LatencyFromIntended.Should().NotBeNull();
        open.LatencyFromIntended!.Count.Should().Be(open.Requests);
        open.LatencyFromIntended.P50.Should().BeGreaterThanOrEqualTo(open.Latency!.P50 * 0.99, "a request is never sent before it is due");
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_named_in_the_error()
    {
        var act = () => LoadGenerator.ConnectAsync(new LoadOptions { Servers = [new("127.0.0.1", 1)] });

        (await act.Should().ThrowAsync<MemcacheException>())
            .WithMessage("cannot connect to memcached at 127.0.0.1:1 (*): is the SUT up and memcached running?");
    }

    [Theory]
    [InlineData(0, 1, "records 0 is out of range*")]
    [InlineData(1.5, 1, "update ratio 1.5 is out of range: use between 0 and 1.")]
    [InlineData(0.5, 0, "depth 0 is out of range*")]
    public async Task Options_out_of_range_are_named(double update, int depth, string message)
    {
        var options = new LoadOptions { Servers = [Loopback], Records = update == 0 ? 0 : 10, UpdateRatio = update, Depth = depth };

        await ((Func<Task>)(() => LoadGenerator.ConnectAsync(options))).Should().ThrowAsync<ArgumentException>().WithMessage(message);
    }

    /// <summary>The loopback memcached; <see cref="ConnectAsync"/> puts in its port.</summary>
    private static ServerAddress Loopback => new("127.0.0.1");

    private async Task<LoadGenerator> ConnectAsync(LoadOptions options)
    {
        Skip.If(_memcached is null, LoopbackMemcached.Unavailable);
        return await LoadGenerator.ConnectAsync(options with { Servers = [.. options.Servers.Select(s => s with { Port = _memcached!.Port })] });
    }

    private async Task RawAsync(string request, string expectedReply)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _memcached!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var reply = new byte[expectedReply.Length];
        await stream.ReadExactlyAsync(reply);
        Encoding.ASCII.GetString(reply).Should().Be(expectedReply);
    }
}
