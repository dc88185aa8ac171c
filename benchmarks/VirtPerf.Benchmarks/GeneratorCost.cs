using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using VirtPerf.TestSupport;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Benchmarks;

/// <summary>
/// What the memcached load generator costs itself, against a real memcached on loopback with one connection: peak
/// closed-loop QPS at depth 1 and 16, p50/p99 at a fixed open-loop rate, client CPU per request; and its depth-1
/// p50 against a bare blocking get loop on the same kind of connection (blocking TCP, TCP_NODELAY, same keys),
/// run alternately; and the generator as the suite runs it, its own process through <see cref="MemcachedDriver"/>,
/// from a Debug build against the Release build the suite carries (<see cref="MemcachedDriver.DefaultGenerator"/>),
/// run alternately. Medians over the rounds.
/// </summary>
internal static class GeneratorCost
{
    private const int Records = 10_000;

    private const string DebugProcess = "process, Debug build, closed loop, depth 1";
    private const string ReleaseProcess = "process, Release build, closed loop, depth 1";

    public static async Task<int> RunAsync(int rounds, int seconds, int qps, string? debugGenerator)
    {
        if (debugGenerator is null || !File.Exists(debugGenerator))
        {
            Console.Error.WriteLine($"generator-cost compares a Debug build of the generator with the Release build the suite runs: pass the Debug "
                + $"build's VirtPerf.Mutilate.dll as the fourth argument ('{debugGenerator}' is not there); benchmarks/generator-cost.sh builds it and does.");
            return 2;
        }

        await using var memcached = await LoopbackMemcached.StartAsync();
        // ETC keys and values, as the study's rows (the generator's own defaults are Mutilate's fixed 30 and 200 bytes).
        var options = new LoadOptions
        {
            Servers = [new("127.0.0.1", memcached.Port)], Records = Records, KeySize = "fb_key", ValueSize = "fb_value", InterArrival = "fb_ia",
        };
        using (var loader = await LoadGenerator.ConnectAsync(options))
        {
            loader.Load();
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var rows = new Dictionary<string, List<Row>>();
        void Add(string name, Row row) => (rows.TryGetValue(name, out var list) ? list : rows[name] = []).Add(row);
        for (var round = 0; round < rounds; round++)
        {
            // Alternate the order of the bare loop and the generator so a drift favours neither.
            var bare = round % 2 == 0;
            for (var i = 0; i < 2; i++, bare = !bare)
            {
                if (bare)
                {
                    Add("bare blocking get loop, depth 1", BareLoop(memcached.Port, duration));
                }
                else
                {
                    Add("generator, closed loop, depth 1", Row.Of(await RunAsync(options, duration), intended: false));
                }
            }

            Add("generator, closed loop, depth 16", Row.Of(await RunAsync(options with { Depth = 16 }, duration), intended: false));
            var open = await RunAsync(options with { Qps = qps }, duration);
            Add($"generator, open loop {qps}/s, from send", Row.Of(open, intended: false));
            Add($"generator, open loop {qps}/s, from intended", Row.Of(open, intended: true));

            // The suite's way: dotnet VirtPerf.Mutilate.dll --noload --json in its own process; builds alternate first.
            var debugFirst = round % 2 == 0;
            for (var i = 0; i < 2; i++, debugFirst = !debugFirst)
            {
                Add(debugFirst ? DebugProcess : ReleaseProcess, await ProcessAsync(debugFirst ? debugGenerator : null, memcached.Port, seconds));
            }

            Console.Error.WriteLine($"round {round + 1} of {rounds} done");
        }

        Console.WriteLine($"memcached load generator cost: loopback memcached, 1 connection, gets of {Records} loaded ETC keys, "
            + $"{rounds} rounds of {seconds} s, medians over rounds, {Environment.ProcessorCount} CPUs");
        Console.WriteLine();
        Console.WriteLine($"{"case",-44} {"QPS",9} {"p50 us",8} {"p99 us",8} {"CPU us/req",11}");
        Console.WriteLine(new string('-', 84));
        foreach (var (name, list) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-44} {Medians.Of(list.Select(r => r.Qps)),9:0} {Medians.Of(list.Select(r => r.P50)),8:0.0} {Medians.Of(list.Select(r => r.P99)),8:0.0} {Medians.Of(list.Select(r => r.CpuPerRequest)),11:0.00}"));
        }

        var ratios = rows["generator, closed loop, depth 1"].Zip(rows["bare blocking get loop, depth 1"], (g, b) => g.P50 / b.P50).ToList();
        Console.WriteLine(new string('-', 84));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50 generator / bare loop at depth 1: median {Medians.Of(ratios):0.000} (rounds {string.Join(' ', ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}); target at most 1.10"));
        List<double> Ratios(Func<Row, double> figure) => rows[ReleaseProcess].Zip(rows[DebugProcess], (r, d) => figure(r) / figure(d)).ToList();
        var cpu = Ratios(r => r.CpuPerRequest);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process Release / Debug build, medians of paired rounds: QPS {Medians.Of(Ratios(r => r.Qps)):0.00}x, p50 {Medians.Of(Ratios(r => r.P50)):0.00}x, "
            + $"p99 {Medians.Of(Ratios(r => r.P99)):0.00}x, CPU per request {Medians.Of(cpu):0.00}x (rounds {string.Join(' ', cpu.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))})"));
        return 0;
    }

    /// <summary>One measured iteration after a 1 s warm-up (the quick profile's), as a memcached row measures: the
    /// driver runs the generator at <paramref name="generator"/> (null: the suite's Release build) with the study's
    /// MemcachedRead settings and no load phase (the keys are loaded).</summary>
    private static async Task<Row> ProcessAsync(string? generator, int port, int seconds)
    {
        var driver = new MemcachedDriver(ClientHost.Local, generator);
        var iteration = (await driver.MeasureAsync(
            Scenario.MemcachedRead, "127.0.0.1", port, new Profile("generator-cost", 1, seconds, 1), loadKeys: false)).Single();
        var metrics = iteration.Metrics;
        var qps = metrics[Metric.TransactionRate];
        var cpuPerRequest = metrics[Metric.ClientCpu] / 100 * Environment.ProcessorCount * 1e6 / qps;
        return new Row(qps, metrics[Metric.LatencyP50], metrics[Metric.LatencyP99], cpuPerRequest);
    }

    private static async Task<LoadResult> RunAsync(LoadOptions options, TimeSpan duration)
    {
        using var generator = await LoadGenerator.ConnectAsync(options);
        return generator.Run(duration);
    }

    /// <summary>The simplest correct client: a blocking socket, one get, read until the reply ends, repeat.</summary>
    private static Row BareLoop(int port, TimeSpan duration)
    {
        var keys = new KeySpace(Records, EtcDistributions.Key);
        var random = new Random(1);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect("127.0.0.1", port);
        var request = new byte[300];
        var reply = new byte[2 * ValuePattern.MaxValueLength];
        var latencies = new List<long>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var key = keys[keys.Pick(random)];
            var length = Encoding.ASCII.GetBytes("get ", request);
            key.CopyTo(request.AsSpan(length));
            length += key.Length;
            request[length++] = (byte)'\r';
            request[length++] = (byte)'\n';
            var sent = Stopwatch.GetTimestamp();
            socket.Send(request, length, SocketFlags.None);
            var received = 0;
            do
            {
                received += socket.Receive(reply, received, reply.Length - received, SocketFlags.None);
            }
            while (!reply.AsSpan(0, received).EndsWith("END\r\n"u8));

            latencies.Add(Stopwatch.GetTimestamp() - sent);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        latencies.Sort();
        double Micros(double p) => latencies[(int)(p * (latencies.Count - 1))] * 1e6 / Stopwatch.Frequency;
        return new Row(latencies.Count / seconds, Micros(0.50), Micros(0.99), cpuSeconds * 1e6 / latencies.Count);
    }

    private sealed record Row(double Qps, double P50, double P99, double CpuPerRequest)
    {
        public static Row Of(LoadResult result, bool intended)
        {
            var latency = intended ? result.LatencyFromIntended! : result.Latency!;
            return new Row(result.Qps, latency.P50, latency.P99, result.ClientCpuMicrosecondsPerRequest);
        }
    }
}
