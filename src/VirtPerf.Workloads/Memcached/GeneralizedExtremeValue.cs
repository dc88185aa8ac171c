namespace VirtPerf.Workloads.Memcached;

/// <summary>The generalized extreme value distribution as Mutilate draws it: loc + scale*((-ln U)^-shape - 1)/shape.</summary>
public sealed record GeneralizedExtremeValue(double Location, double Scale, double Shape) : IDistribution
{
    /// <inheritdoc />
    public double Sample(Random random) => At(GeneralizedPareto.Uniform(random));

    /// <inheritdoc />
    // The sample is increasing in U, so the p-quantile is the sample at U = p.
    public double Quantile(double p) => At(p);

    private double At(double u) => Location + (Scale * (Math.Pow(-Math.Log(u), -Shape) - 1) / Shape);
}
