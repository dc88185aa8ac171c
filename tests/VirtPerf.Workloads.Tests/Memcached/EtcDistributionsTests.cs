using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>10^6 samples of each ETC distribution against its closed-form quantiles (Mutilate's Generator.cc).</summary>
public sealed class EtcDistributionsTests
{
    private const int Samples = 1_000_000;
    private static readonly double[] Probabilities = [0.10, 0.50, 0.90, 0.99];

    public static TheoryData<string> Distributions => ["fb_key", "fb_value", "fb_ia"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void A_million_samples_match_the_analytic_p10_p50_p90_p99_within_one_percent(string name)
    {
        var distribution = Of(name);
        var sorted = Draw(distribution);

        foreach (var p in Probabilities)
        {
            var empirical = sorted[(int)(p * Samples)];
            var analytic = distribution.Quantile(p);
            empirical.Should().BeApproximately(analytic, Math.Abs(analytic) * 0.01, $"{name} p{p * 100:0}");
        }
    }

    [Fact]
    public void The_value_tables_frequencies_match_within_sampling_error()
    {
        var samples = Draw(EtcDistributions.Value);
        var probabilities = EtcDistributions.Value.Probabilities;

        for (var size = 0; size < probabilities.Count; size++)
        {
            var p = probabilities[size];
            var frequency = samples.Count(s => s == size) / (double)Samples;
            var standardError = Math.Sqrt(p * (1 - p) / Samples);
            frequency.Should().BeApproximately(p, (5 * standardError) + 1e-6, $"value size {size}");
        }

        samples.Count(s => s >= 15).Should().BeCloseTo((int)((1 - EtcDistributions.Value.TableMass) * Samples), 3000);
    }

    [Fact]
    public void Inter_arrival_times_rescaled_to_a_target_rate_average_to_that_rate()
    {
        var interArrival = EtcDistributions.InterArrivalAt(requestsPerSecond: 100_000);

        Draw(interArrival).Average().Should().BeApproximately(10.0, 0.1, "100,000 requests/s are 10 us apart on average");
        interArrival.Mean.Should().BeApproximately(10.0, 1e-9);
    }

    [Fact]
    public void Key_sizes_are_plausible_memcached_keys()
    {
        var sorted = Draw(EtcDistributions.Key);

        sorted[Samples / 2].Should().BeInRange(30, 35, "ETC keys are ~30 bytes (Atikoglu et al.)");
        sorted[0].Should().BeGreaterThan(0);
    }

    private static IDistribution Of(string name) => name switch
    {
        "fb_key" => EtcDistributions.Key,
        "fb_value" => EtcDistributions.Value,
        _ => EtcDistributions.InterArrival,
    };

    private static double[] Draw(IDistribution distribution)
    {
        var random = new Random(20261125);
        var samples = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            samples[i] = distribution.Sample(random);
        }

        Array.Sort(samples);
        return samples;
    }
}
