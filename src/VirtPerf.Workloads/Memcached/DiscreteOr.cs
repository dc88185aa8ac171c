namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Mutilate's discrete generator: value i with probability <see cref="Probabilities"/>[i], otherwise a draw from
/// <see cref="Otherwise"/>. Used for fb_value, whose table covers sizes below the Pareto's location, so table values are
/// always the smallest.
/// </summary>
public sealed record DiscreteOr(IReadOnlyList<double> Probabilities, IDistribution Otherwise) : IDistribution
{
    /// <summary>The probability of drawing from the table at all.</summary>
    public double TableMass => Probabilities.Sum();

    /// <inheritdoc />
    public double Sample(Random random)
    {
        var u = random.NextDouble();
        for (var value = 0; value < Probabilities.Count; value++)
        {
            if (u < Probabilities[value])
            {
                return value;
            }

            u -= Probabilities[value];
        }

        return Otherwise.Sample(random);
    }

    /// <inheritdoc />
    public double Quantile(double p)
    {
        var cumulative = 0.0;
        for (var value = 0; value < Probabilities.Count; value++)
        {
            cumulative += Probabilities[value];
            if (p < cumulative)
            {
                return value;
            }
        }

        return Otherwise.Quantile((p - TableMass) / (1 - TableMass));
    }
}
