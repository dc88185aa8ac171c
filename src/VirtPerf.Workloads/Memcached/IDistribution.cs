namespace VirtPerf.Workloads.Memcached;

/// <summary>A one-dimensional distribution that can be sampled and whose quantiles are known in closed form.</summary>
public interface IDistribution
{
    /// <summary>One sample, drawn with <paramref name="random"/>.</summary>
    double Sample(Random random);

    /// <summary>The value below which a fraction <paramref name="p"/> of samples fall.</summary>
    double Quantile(double p);
}
