namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Facebook's ETC workload (Atikoglu et al., SIGMETRICS 2012) as Mutilate defines it in Generator.cc:
/// key sizes, value sizes and inter-arrival times.
/// </summary>
public static class EtcDistributions
{
    /// <summary>fb_key: key size in bytes, GEV(30.7984, 8.20449, 0.078688).</summary>
    public static IDistribution Key { get; } = new GeneralizedExtremeValue(30.7984, 8.20449, 0.078688);

    /// <summary>fb_value: value size in bytes, a table for 0..14 bytes, otherwise GPareto(15.0, 214.476, 0.348238).</summary>
    public static DiscreteOr Value { get; } = new(
        [0.00536, 0.00047, 0.17820, 0.09239, 0.00018, 0.02740, 0.00065, 0.00606, 0.00023, 0.00837, 0.00837, 0.08989, 0.00092, 0.00326, 0.01980],
        new GeneralizedPareto(15.0, 214.476, 0.348238));

    /// <summary>fb_ia: inter-arrival time in microseconds, GPareto(0, 16.0292, 0.154971), before rescaling.</summary>
    public static GeneralizedPareto InterArrival { get; } = new(0, 16.0292, 0.154971);

    /// <summary>fb_ia rescaled so its mean inter-arrival gives <paramref name="requestsPerSecond"/> (Mutilate's --qps).</summary>
    public static GeneralizedPareto InterArrivalAt(double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        var factor = 1e6 / requestsPerSecond / InterArrival.Mean;
        return InterArrival with { Location = InterArrival.Location * factor, Scale = InterArrival.Scale * factor };
    }
}
