namespace VirtPerf.Workloads.Memcached;

/// <summary>A constant, for Mutilate's fixed sizes (<c>-K 30</c>, <c>-V 200</c>) and evenly spaced arrivals.</summary>
public sealed record FixedValue(double Value) : IDistribution
{
    /// <inheritdoc />
    public double Sample(Random random) => Value;

    /// <inheritdoc />
    public double Quantile(double p) => Value;
}
