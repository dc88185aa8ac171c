using System.Diagnostics;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// A Mutilate-equivalent memcached load generator: the ETC key and value distributions, a request mix with an
/// update ratio, N connections with pipelining, closed or open loop, a load phase that fills the keyspace, and
/// latency in HdrHistograms. Connections stay open from the load phase through every run.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly LoadOptions _options;
    private readonly KeySpace _keys;
    private readonly IReadOnlyList<LoadConnection> _connections;
    private int[]? _loadedLengths;

    private LoadGenerator(LoadOptions options, KeySpace keys, IReadOnlyList<LoadConnection> connections)
    {
        _options = options;
        _keys = keys;
        _connections = connections;
    }

    /// <summary>Opens the connections; errors name the server and what to check.</summary>
    public static async Task<LoadGenerator> ConnectAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var keys = new KeySpace(options.Records, Distributions.Size(options.KeySize, "key size"));
        var connections = new List<LoadConnection>();
        try
        {
            for (var i = 0; i < options.Connections; i++)
            {
                connections.Add(await LoadConnection.OpenAsync(keys, options, options.Seed + (7919 * (i + 1)), cancellationToken));
            }
        }
        catch
        {
            connections.ForEach(c => c.Dispose());
            throw;
        }

        return new LoadGenerator(options, keys, connections);
    }

    /// <summary>The load phase: sets every key once, with value sizes drawn from the value distribution, spread
    /// over the connections. Afterwards, while no set runs, every get is also checked for the loaded length.</summary>
    public LoadResult Load()
    {
        var random = new Random(_options.Seed);
        var valueSize = Distributions.Size(_options.ValueSize, "value size");
        var lengths = Enumerable.Range(0, _keys.Records).Select(_ => ValuePattern.Length(valueSize, random)).ToArray();
        var result = OnThreads(openLoop: false, (connection, index, recorder) =>
            connection.Load(Enumerable.Range(0, _keys.Records).Where(k => k % _connections.Count == index), lengths, recorder));
        _loadedLengths = lengths;
        return result with { Sets = _keys.Records };
    }

    /// <summary>Sends load for <paramref name="duration"/> and returns its figures, at the options' rate or at
    /// <paramref name="qps"/> requests/s over all connections when given (0: the closed loop), as a capacity search's
    /// and a load sweep's points do. The first run after <see cref="Load"/> with sets in its mix stops the
    /// loaded-length check (values then change length).</summary>
    public LoadResult Run(TimeSpan duration, double? qps = null)
    {
        var rate = qps ?? _options.Qps;
        ArgumentOutOfRangeException.ThrowIfNegative(rate, nameof(qps));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        if (_options.UpdateRatio > 0)
        {
            _loadedLengths = null;
        }

        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return OnThreads(rate > 0, (connection, _, recorder) =>
        {
            connection.LoadedLengths = _loadedLengths;
            connection.Run(start, deadline, rate, recorder);
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    /// <summary>Runs <paramref name="work"/> for every connection on its own thread and adds up the figures; the
    /// first failure is rethrown once all threads ended.</summary>
    private LoadResult OnThreads(bool openLoop, Action<LoadConnection, int, LoadRecorder> work)
    {
        var recorders = _connections.Select(_ => new LoadRecorder(openLoop)).ToList();
        var failures = new Exception?[_connections.Count];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var threads = _connections.Select((connection, index) => new Thread(() =>
        {
            try
            {
                work(connection, index, recorders[index]);
            }
            catch (Exception e)
            {
                failures[index] = e;
            }
        })
        { IsBackground = true, Name = $"memcached load {index}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var seconds = clock.Elapsed.TotalSeconds;
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure is MemcacheException ? failure : new MemcacheException($"the load failed: {failure.Message}");
        }

        return LoadResult.Of(recorders, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
