using System.Globalization;

namespace VirtPerf.Workloads.Memcached;

/// <summary>Distributions by the names Mutilate's options take (<c>-K</c>, <c>-V</c>, <c>-i</c>).</summary>
public static class Distributions
{
    /// <summary>The size distributions by name; a plain number is a fixed size.</summary>
    public static IReadOnlyList<string> SizeNames { get; } = ["fb_key", "fb_value", "N (a fixed size)"];

    /// <summary>The inter-arrival distributions by name.</summary>
    public static IReadOnlyList<string> InterArrivalNames { get; } = ["fb_ia", "exponential", "fixed"];

    /// <summary>A key or value size distribution: <c>fb_key</c>, <c>fb_value</c> or a fixed number of bytes.</summary>
    public static IDistribution Size(string name, string option) => name switch
    {
        "fb_key" => EtcDistributions.Key,
        "fb_value" => EtcDistributions.Value,
        _ when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) => new FixedValue(bytes),
        _ => throw new ArgumentException($"{option} '{name}' is not a size distribution: use one of {string.Join(", ", SizeNames)}."),
    };

    /// <summary>Inter-arrival times in microseconds at <paramref name="perSecond"/> requests per second:
    /// <c>fb_ia</c> (ETC, rescaled), <c>exponential</c> (Poisson arrivals, Mutilate's default) or <c>fixed</c>.</summary>
    public static IDistribution InterArrivalAt(string name, double perSecond) => name switch
    {
        "fb_ia" => EtcDistributions.InterArrivalAt(perSecond),
        "exponential" => new Exponential(1e6 / perSecond),
        "fixed" => new FixedValue(1e6 / perSecond),
        _ => throw new ArgumentException(
            $"inter-arrival distribution '{name}' is unknown: use one of {string.Join(", ", InterArrivalNames)}."),
    };

    /// <summary>The exponential distribution with the given mean: -mean * ln U.</summary>
    private sealed record Exponential(double Mean) : IDistribution
    {
        public double Sample(Random random) => -Mean * Math.Log(GeneralizedPareto.Uniform(random));

        public double Quantile(double p) => -Mean * Math.Log(1 - p);
    }
}
