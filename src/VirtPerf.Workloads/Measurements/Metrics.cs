namespace VirtPerf.Workloads.Measurements;

/// <summary>Unit and direction of each <see cref="Metric"/>, so overhead can say whether a change is worse.</summary>
public static class Metrics
{
    /// <summary>The unit a metric's values are stored in.</summary>
    public static string Unit(Metric metric) => metric switch
    {
        Metric.Throughput => "Mbit/s",
        Metric.TransactionRate => "trans/s",
        Metric.Capacity => "req/s",
        Metric.ClientCpu or Metric.SutCpu or Metric.SutHostCpu => "%",
        Metric.Misses => "gets",
        Metric.BytesSent or Metric.BytesReceived => "B",
        Metric.SutHostCpuPerGbit => "CPU-s/Gbit",
        Metric.SutHostCpuPerMillion => "CPU-s/M",
        _ => "us",
    };

    /// <summary>True for figures a working SUT never reports as 0, so that bare metal's can be divided by: throughput,
    /// transaction rate and latency but its smallest value and spread (CPU, misses and bytes may well be 0).</summary>
    public static bool Positive(Metric metric) =>
        HigherIsBetter(metric) || (Unit(metric) == "us" && metric is not Metric.LatencyMin and not Metric.LatencyStddev);

    /// <summary>True when a larger value is better (throughput, transaction rate, capacity); false for latency, CPU,
    /// misses and bytes.</summary>
    public static bool HigherIsBetter(Metric metric) => metric is Metric.Throughput or Metric.TransactionRate or Metric.Capacity;
}
