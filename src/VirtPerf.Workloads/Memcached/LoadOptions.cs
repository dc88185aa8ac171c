namespace VirtPerf.Workloads.Memcached;

/// <summary>What the load generator sends and how, with Mutilate's meaning and Mutilate's default for each option (the
/// study's settings, fb_key, fb_value and fb_ia, are passed explicitly: <see cref="MemcachedDriver.Settings"/>).</summary>
public sealed record LoadOptions
{
    /// <summary>memcached's TCP port.</summary>
    public const int DefaultPort = 11211;

    /// <summary>The measuring connections' rate over all of them when <c>-Q</c> is not given: low enough that they add
    /// no load worth speaking of, high enough for a p99 from a few thousand samples in a 5 s run.</summary>
    public const double DefaultMeasureQps = 1000;

    /// <summary>memcached's default connection limit (its <c>-c 1024</c>): the most connections one server takes.</summary>
    public const int MaxConnectionsPerServer = 1024;

    /// <summary>The memcacheds to load (<c>-s</c>, repeated for several); every thread connects to every one.</summary>
    public required IReadOnlyList<ServerAddress> Servers { get; init; }

    /// <summary>Keys in the keyspace over all servers (<c>-r</c>); as in Mutilate, each server holds
    /// <see cref="RecordsPerServer"/> of them, the same key names on every server.</summary>
    public int Records { get; init; } = 10_000;

    /// <summary>Fraction of requests that are sets (<c>-u</c>); the rest are gets.</summary>
    public double UpdateRatio { get; init; }

    /// <summary>Threads that drive the load connections (<c>-T</c>), each multiplexing its connections in one loop.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Load connections per server per thread (<c>-c</c>): <see cref="Threads"/> x servers x this in all.</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Requests in flight per load connection (<c>-d</c>, pipelining depth).</summary>
    public int Depth { get; init; } = 1;

    /// <summary>Target requests per second over all load connections (<c>-q</c>), each connection sending its equal
    /// share; 0 is the closed loop: each connection sends its next request as soon as a reply frees a slot.</summary>
    public double Qps { get; init; }

    /// <summary>Key sizes (<c>-K</c>): a name <see cref="Distributions.Size"/> knows; Mutilate's default, 30 bytes.</summary>
    public string KeySize { get; init; } = "30";

    /// <summary>Value sizes (<c>-V</c>): a name <see cref="Distributions.Size"/> knows; Mutilate's default, 200 bytes.</summary>
    public string ValueSize { get; init; } = "200";

    /// <summary>Inter-arrival times in the open loop (<c>-i</c>): a name <see cref="Distributions.InterArrivalAt"/>
    /// knows; Mutilate's default, exponential (Poisson arrivals).</summary>
    public string InterArrival { get; init; } = "exponential";

    /// <summary>Seed of the request mix, keys and value sizes: equal seeds send equal requests.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Measuring connections per server (<c>-C</c>), on a thread of their own, open loop at
    /// <see cref="MeasureQps"/>: when there are any, the latency reported is theirs alone (QPS still counts every
    /// connection), so the load connections can saturate the server without the measurement queuing behind them.</summary>
    public int MeasureConnections { get; init; }

    /// <summary>The measuring connections' rate over all of them (<c>-Q</c>), on top of <see cref="Qps"/>.</summary>
    public double MeasureQps { get; init; } = DefaultMeasureQps;

    /// <summary>Requests in flight per measuring connection (<c>-D</c>).</summary>
    public int MeasureDepth { get; init; } = 1;

    /// <summary>A file for Mutilate-style raw samples (<c>--save</c>): when set, each result keeps the send time and
    /// latency of every get it reports (<see cref="LoadResult.Samples"/>) for the entry point to write.</summary>
    public string? Save { get; init; }

    /// <summary>How long a reply may take before the server counts as not answering.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The keys each server holds: <see cref="Records"/> divided by the servers, at least 1 (Mutilate's
    /// args_to_options).</summary>
    public int RecordsPerServer => Math.Max(1, Records / Math.Max(1, Servers.Count));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(Servers.Count > 0, "servers", Servers.Count, "at least one (-s HOST[:PORT])");
        foreach (var server in Servers)
        {
            Check(server.Host.Length > 0, "server", $"'{server}'", "HOST[:PORT]");
            Check(server.Port is > 0 and < 65536, "port", server.Port, "1 to 65535");
        }

        Check(Records > 0, "records", Records, "at least 1");
        Check(UpdateRatio is >= 0 and <= 1, "update ratio", UpdateRatio, "between 0 and 1");
        Check(Threads is > 0 and <= 256, "threads", Threads, "1 to 256");
        Check(Connections is > 0 and <= MaxConnectionsPerServer, "connections", Connections, "1 to 1024 (memcached's -c 1024)");
        Check(Depth is > 0 and <= 4096, "depth", Depth, "1 to 4096");
        Check(Qps >= 0, "qps", Qps, "0 (closed loop) or more");
        Check(MeasureConnections >= 0, "measure connections", MeasureConnections, "0 (none) or more");
        Check(MeasureQps > 0, "measure qps", MeasureQps, "more than 0");
        Check(MeasureDepth is > 0 and <= 4096, "measure depth", MeasureDepth, "1 to 4096");
        var perServer = (Threads * Connections) + MeasureConnections;
        Check(perServer <= MaxConnectionsPerServer, "connections per server", perServer, "at most 1024 (threads x connections + measuring connections; memcached's -c 1024)");
        Distributions.Size(KeySize, "key size");
        Distributions.Size(ValueSize, "value size");
        Distributions.InterArrivalAt(InterArrival, 1);
    }

    private static void Check(bool ok, string name, object value, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException($"{name} {value} is out of range: use {allowed}.");
        }
    }
}
