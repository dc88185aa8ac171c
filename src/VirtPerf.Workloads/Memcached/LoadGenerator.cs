using System.Diagnostics;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// A Mutilate-equivalent memcached load generator: the ETC key and value distributions, a request mix with an update
/// ratio, threads that each drive connections to every server with pipelining (Mutilate's <c>-T</c>, <c>-c</c>,
/// <c>-s</c>), closed or open loop, optionally measuring connections that carry the latency figures (<c>-C</c>), a load
/// phase that fills the keyspace, and latency in HdrHistograms. Connections stay open from the load phase through
/// every run.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly LoadOptions _options;
    private readonly KeySpace _keys;
    private readonly IReadOnlyList<IReadOnlyList<LoadConnection>> _threads;
    private readonly IReadOnlyList<LoadConnection> _measuring;
    private readonly long _origin = Stopwatch.GetTimestamp();
    private int[]? _loadedLengths;

    private LoadGenerator(
        LoadOptions options, KeySpace keys, IReadOnlyList<IReadOnlyList<LoadConnection>> threads, IReadOnlyList<LoadConnection> measuring)
    {
        _options = options;
        _keys = keys;
        _threads = threads;
        _measuring = measuring;
    }

    /// <summary>Opens the connections: per thread, per server, <see cref="LoadOptions.Connections"/>; then
    /// <see cref="LoadOptions.MeasureConnections"/> per server. Errors name the server and what to check.</summary>
    public static async Task<LoadGenerator> ConnectAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var keys = new KeySpace(options.RecordsPerServer, Distributions.Size(options.KeySize, "key size"));
        var opened = new List<LoadConnection>();
        async Task<List<LoadConnection>> Open(int perServer)
        {
            var connections = new List<LoadConnection>();
            foreach (var server in options.Servers)
            {
                for (var c = 0; c < perServer; c++)
                {
                    // The first connection's seed is the one a single-connection run always had.
                    var connection = await LoadConnection.OpenAsync(server, keys, options, options.Seed + (7919 * (opened.Count + 1)), cancellationToken);
                    opened.Add(connection);
                    connections.Add(connection);
                }
            }

            return connections;
        }

        try
        {
            var threads = new List<IReadOnlyList<LoadConnection>>();
            for (var t = 0; t < options.Threads; t++)
            {
                threads.Add(await Open(options.Connections));
            }

            return new LoadGenerator(options, keys, threads, await Open(options.MeasureConnections));
        }
        catch
        {
            opened.ForEach(c => c.Dispose());
            throw;
        }
    }

    /// <summary>The load phase: sets every key once on every server, with value sizes drawn from the value
    /// distribution, each server's keys spread over its load connections. Afterwards, while no set runs, every get is
    /// also checked for the loaded length.</summary>
    public LoadResult Load()
    {
        var random = new Random(_options.Seed);
        var valueSize = Distributions.Size(_options.ValueSize, "value size");
        var lengths = Enumerable.Range(0, _keys.Records).Select(_ => ValuePattern.Length(valueSize, random)).ToArray();
        // Connection c of thread t loads the same share of the keys on every server: slot t x -c + c of T x -c.
        var slots = _options.Threads * _options.Connections;
        var shares = Enumerable.Range(0, slots).Select(slot => Enumerable.Range(0, _keys.Records).Where(k => k % slots == slot).ToArray()).ToList();
        var result = OnThreads(includeMeasuring: false, (connection, thread, index) =>
        {
            var recorder = new LoadRecorder(openLoop: false);
            connection.StartLoad(shares[(thread * _options.Connections) + (index % _options.Connections)], lengths, recorder);
            return recorder;
        });
        _loadedLengths = lengths;
        return result with { Sets = (long)_keys.Records * _options.Servers.Count };
    }

    /// <summary>Sends load for <paramref name="duration"/> and returns its figures; the load connections share
    /// <paramref name="qps"/> (default <see cref="LoadOptions.Qps"/>; 0 is the closed loop) equally, the measuring
    /// connections <see cref="LoadOptions.MeasureQps"/>. The first run after <see cref="Load"/> with sets in its mix
    /// stops the loaded-length check (values then change length).</summary>
    public LoadResult Run(TimeSpan duration, double? qps = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var rate = qps ?? _options.Qps;
        ArgumentOutOfRangeException.ThrowIfNegative(rate, nameof(qps));
        if (_options.UpdateRatio > 0)
        {
            _loadedLengths = null;
        }

        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var share = rate / _threads.Sum(t => t.Count);
        var measureShare = _options.MeasureQps / Math.Max(1, _measuring.Count);
        var keepSamples = _options.Save is not null;
        return OnThreads(includeMeasuring: true, (connection, thread, _) =>
        {
            var measuring = thread == _threads.Count;
            var recorder = new LoadRecorder(openLoop: measuring || rate > 0, keepSamples && (measuring || _measuring.Count == 0));
            connection.LoadedLengths = _loadedLengths;
            connection.StartRun(
                start, deadline, measuring ? measureShare : share, _options.InterArrival, measuring ? _options.MeasureDepth : _options.Depth, recorder);
            return recorder;
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var connection in _threads.SelectMany(t => t).Concat(_measuring))
        {
            connection.Dispose();
        }
    }

    /// <summary>Starts every connection with <paramref name="start"/> (given it, its thread's index, the measuring
    /// thread's being the last, and its index in the thread), drives each thread's connections on a thread of its own,
    /// and adds up the figures; the first failure is rethrown once all threads ended.</summary>
    private LoadResult OnThreads(bool includeMeasuring, Func<LoadConnection, int, int, LoadRecorder> start)
    {
        var threads = includeMeasuring && _measuring.Count > 0 ? [.. _threads, _measuring] : _threads;
        var recorders = threads.Select((connections, thread) => connections.Select((c, index) => start(c, thread, index)).ToList()).ToList();
        var failures = new Exception?[threads.Count];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var running = threads.Select((connections, index) => new Thread(() =>
        {
            try
            {
                LoadLoop.Drive(connections);
            }
            catch (Exception e)
            {
                failures[index] = e;
            }
        })
        { IsBackground = true, Name = $"memcached load {index}" }).ToList();
        running.ForEach(t => t.Start());
        running.ForEach(t => t.Join());
        var seconds = clock.Elapsed.TotalSeconds;
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure is MemcacheException ? failure : new MemcacheException($"the load failed: {failure.Message}");
        }

        var all = recorders.SelectMany(r => r).ToList();
        var measured = threads.Count > _threads.Count ? recorders[^1] : all;
        return LoadResult.Of(all, measured, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, _origin);
    }
}
