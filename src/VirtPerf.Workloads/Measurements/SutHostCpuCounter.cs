namespace VirtPerf.Workloads.Measurements;

/// <summary>The SUT's CPU time as its host counts it (a container's cgroup, a QEMU process) and the number of that
/// host's CPUs, for <see cref="Metric.SutHostCpu"/>: the share of the whole SUT host the SUT used.</summary>
/// <param name="Seconds">Reads the CPU seconds used so far.</param>
/// <param name="Cores">The SUT host's CPUs (not this machine's, when the SUT host is another one).</param>
public sealed record SutHostCpuCounter(Func<double> Seconds, int Cores)
{
    /// <summary>The percentage of the SUT host's CPU capacity used since the counter read <paramref name="before"/>,
    /// over <paramref name="elapsedSeconds"/>.</summary>
    public double PercentSince(double before, double elapsedSeconds) => (Seconds() - before) / (elapsedSeconds * Cores) * 100;
}
