using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests;

/// <summary>Small measurements for the gate's unit tests.</summary>
internal static class Sample
{
    public static TestbedFingerprint Testbed { get; } =
        new("local", "AMD EPYC", 2, "6.1.0", new Dictionary<string, string> { ["netperf"] = "2.7.0", ["memcached"] = "1.6.18" });

    /// <summary>A TCP_RR measurement whose iterations have these transaction rates and p50 latencies of 10^6 / rate.</summary>
    public static Measurement Rr(string technique, params double[] rates) => new()
    {
        Technique = technique,
        Scenario = Scenario.TCP_RR,
        RunId = "1a2b3c",
        Testbed = Testbed,
        Profile = Profile.Quick,
        Started = DateTimeOffset.UnixEpoch,
        Finished = DateTimeOffset.UnixEpoch.AddSeconds(11),
        Iterations = rates.Select((rate, i) => new Iteration(i, DateTimeOffset.UnixEpoch, 2, new Dictionary<Metric, double>
        {
            [Metric.TransactionRate] = rate,
            [Metric.LatencyP50] = 1e6 / rate,
        })).ToList(),
    };
}
