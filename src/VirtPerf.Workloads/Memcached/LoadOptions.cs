namespace VirtPerf.Workloads.Memcached;

/// <summary>What the load generator sends and how, with Mutilate's meaning for each option.</summary>
public sealed record LoadOptions
{
    /// <summary>memcached's TCP port.</summary>
    public const int DefaultPort = 11211;

    /// <summary>The memcached server's address (<c>-s</c>).</summary>
    public required string Server { get; init; }

    /// <summary>Its TCP port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Keys in the keyspace (<c>-r</c>, Mutilate's default 10000).</summary>
    public int Records { get; init; } = 10_000;

    /// <summary>Fraction of requests that are sets (<c>-u</c>); the rest are gets.</summary>
    public double UpdateRatio { get; init; }

    /// <summary>TCP connections (<c>-c</c>), each on its own thread.</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Requests in flight per connection (<c>-d</c>, pipelining depth).</summary>
    public int Depth { get; init; } = 1;

    /// <summary>Target requests per second over all connections (<c>-q</c>); 0 is the closed loop: each connection
    /// sends its next request as soon as a reply frees a slot, as fast as it can.</summary>
    public double Qps { get; init; }

    /// <summary>Key sizes (<c>-K</c>): a name <see cref="Distributions.Size"/> knows, default fb_key.</summary>
    public string KeySize { get; init; } = "fb_key";

    /// <summary>Value sizes (<c>-V</c>): a name <see cref="Distributions.Size"/> knows, default fb_value.</summary>
    public string ValueSize { get; init; } = "fb_value";

    /// <summary>Inter-arrival times in the open loop (<c>-i</c>): a name <see cref="Distributions.InterArrivalAt"/>
    /// knows, default fb_ia (the study's ETC workload; Mutilate's own default is exponential).</summary>
    public string InterArrival { get; init; } = "fb_ia";

    /// <summary>Seed of the request mix, keys and value sizes: equal seeds send equal requests.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long a reply may take before the server counts as not answering.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(Records > 0, "records", Records, "at least 1");
        Check(UpdateRatio is >= 0 and <= 1, "update ratio", UpdateRatio, "between 0 and 1");
        Check(Connections is > 0 and <= 1024, "connections", Connections, "1 to 1024 (memcached's -c 1024)");
        Check(Depth is > 0 and <= 4096, "depth", Depth, "1 to 4096");
        Check(Qps >= 0, "qps", Qps, "0 (closed loop) or more");
        Check(Port is > 0 and < 65536, "port", Port, "1 to 65535");
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
