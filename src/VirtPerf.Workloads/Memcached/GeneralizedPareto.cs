namespace VirtPerf.Workloads.Memcached;

/// <summary>The generalized Pareto distribution as Mutilate's Generator.cc draws it: loc + scale*(U^-shape - 1)/shape.</summary>
public sealed record GeneralizedPareto(double Location, double Scale, double Shape) : IDistribution
{
    /// <inheritdoc />
    public double Sample(Random random) => Location + (Scale * (Math.Pow(Uniform(random), -Shape) - 1) / Shape);

    /// <inheritdoc />
    // U and 1-U have the same distribution, so the p-quantile takes U = 1-p.
    public double Quantile(double p) => Location + (Scale * (Math.Pow(1 - p, -Shape) - 1) / Shape);

    /// <summary>The mean, loc + scale/(1-shape) (finite for shape &lt; 1).</summary>
    public double Mean => Location + (Scale / (1 - Shape));

    internal static double Uniform(Random random) => 1.0 - random.NextDouble(); // (0, 1]: never 0, whose power is infinite
}
