namespace VirtPerf.Workloads.Measurements;

/// <summary>The SUT's CPU time as its host counts it (a container's cgroup, a QEMU process) and the number of that
/// host's CPUs, for <see cref="Metric.SutHostCpu"/>: the share of the whole SUT host the SUT used.</summary>
/// <param name="Seconds">Reads the CPU seconds used so far.</param>
/// <param name="Cores">The SUT host's CPUs (not this machine's, when the SUT host is another one).</param>
public sealed record SutHostCpuCounter(Func<double> Seconds, int Cores)
{
    /// <summary>Adds to an iteration's <paramref name="metrics"/> what the SUT's host CPU cost since the counter read
    /// <paramref name="before"/>, over <paramref name="elapsedSeconds"/>: <see cref="Metric.SutHostCpu"/> (percent of
    /// the host's CPUs) and the CPU-seconds per unit of the work the iteration did
    /// (<see cref="Metric.SutHostCpuPerGbit"/> or <see cref="Metric.SutHostCpuPerMillion"/>; none when it did none).</summary>
    public void AddTo(Dictionary<Metric, double> metrics, double before, double elapsedSeconds)
    {
        var seconds = Seconds() - before;
        metrics[Metric.SutHostCpu] = seconds / (elapsedSeconds * Cores) * 100;
        var (per, work) = metrics.TryGetValue(Metric.Throughput, out var mbits)
            ? (Metric.SutHostCpuPerGbit, mbits * elapsedSeconds / 1e3)
            : (Metric.SutHostCpuPerMillion, metrics.GetValueOrDefault(Metric.TransactionRate) * elapsedSeconds / 1e6);
        if (work > 0)
        {
            metrics[per] = seconds / work;
        }
    }
}
