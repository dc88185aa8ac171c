using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Workloads.Netperf;

/// <summary>One netperf run's figures, as its omni output selectors report them.</summary>
/// <param name="Throughput">THROUGHPUT in Mbit/s (netperf <c>-f m</c>); for UDP_STREAM the receiver's rate.</param>
/// <param name="TransactionRate">TRANSACTION_RATE, transactions per second (1.0 for stream tests).</param>
/// <param name="Latency">MIN/MEAN/STDDEV/P50/P90/P99/MAX_LATENCY in microseconds; null for stream tests.</param>
/// <param name="LocalCpu">LOCAL_CPU_UTIL, percent of the client host's CPUs.</param>
/// <param name="RemoteCpu">REMOTE_CPU_UTIL, percent of the SUT's CPUs as netserver sees them; null when the SUT was not
/// asked (it cannot measure it).</param>
/// <param name="ElapsedSeconds">ELAPSED_TIME in seconds.</param>
public sealed record NetperfResult(
    double Throughput,
    double TransactionRate,
    NetperfLatency? Latency,
    double LocalCpu,
    double? RemoteCpu,
    double ElapsedSeconds)
{
    /// <summary>The metrics this run contributes to a scenario's measurement.</summary>
    public IReadOnlyDictionary<Metric, double> ToMetrics()
    {
        var metrics = new Dictionary<Metric, double>();
        if (Latency is not null)
        {
            metrics[Metric.TransactionRate] = TransactionRate;
            metrics[Metric.LatencyMin] = Latency.Min;
            metrics[Metric.LatencyMean] = Latency.Mean;
            metrics[Metric.LatencyStddev] = Latency.Stddev;
            metrics[Metric.LatencyP50] = Latency.P50;
            metrics[Metric.LatencyP90] = Latency.P90;
            metrics[Metric.LatencyP99] = Latency.P99;
            metrics[Metric.LatencyMax] = Latency.Max;
        }
        else
        {
            metrics[Metric.Throughput] = Throughput;
        }

        metrics[Metric.ClientCpu] = LocalCpu;
        if (RemoteCpu is { } sutCpu)
        {
            metrics[Metric.SutCpu] = sutCpu; // absent, not netperf's -1, where the SUT cannot measure it
        }

        return metrics;
    }
}
