namespace VirtPerf.Workloads.Measurements;

/// <summary>One figure measured per iteration; <see cref="Metrics"/> gives its unit and which direction is worse.</summary>
public enum Metric
{
    /// <summary>Data throughput in Mbit/s (10^6 bits/s), the stream scenarios' figure.</summary>
    Throughput,

    /// <summary>Completed transactions per second, the request/response scenarios' figure.</summary>
    TransactionRate,

    /// <summary>Smallest round-trip latency in microseconds.</summary>
    LatencyMin,

    /// <summary>Mean round-trip latency in microseconds.</summary>
    LatencyMean,

    /// <summary>Standard deviation of round-trip latency in microseconds.</summary>
    LatencyStddev,

    /// <summary>1st percentile round-trip latency in microseconds (memcached scenarios).</summary>
    LatencyP1,

    /// <summary>5th percentile round-trip latency in microseconds (memcached scenarios).</summary>
    LatencyP5,

    /// <summary>10th percentile round-trip latency in microseconds (memcached scenarios).</summary>
    LatencyP10,

    /// <summary>Median round-trip latency in microseconds.</summary>
    LatencyP50,

    /// <summary>90th percentile round-trip latency in microseconds.</summary>
    LatencyP90,

    /// <summary>95th percentile round-trip latency in microseconds (memcached scenarios).</summary>
    LatencyP95,

    /// <summary>99th percentile round-trip latency in microseconds.</summary>
    LatencyP99,

    /// <summary>99.9th percentile round-trip latency in microseconds (memcached scenarios).</summary>
    LatencyP999,

    /// <summary>Largest round-trip latency in microseconds.</summary>
    LatencyMax,

    /// <summary>Gets that found no value (memcached scenarios), per iteration.</summary>
    Misses,

    /// <summary>Bytes the load generator sent in the iteration (memcached scenarios).</summary>
    BytesSent,

    /// <summary>Bytes the load generator received in the iteration (memcached scenarios).</summary>
    BytesReceived,

    /// <summary>CPU utilization of the load generator in percent of all the client host's CPUs (netperf: the whole
    /// client host, as netperf -c measures it; memcached load: the generator's own process).</summary>
    ClientCpu,

    /// <summary>CPU utilization inside the system under test (for a guest: the guest's view) in percent.</summary>
    SutCpu,

    /// <summary>CPU time of the SUT's processes as the host accounts it (a container's cgroup, a QEMU process with
    /// all its threads) over the iteration, in percent of the host's CPUs; the study could not measure this.</summary>
    SutHostCpu,

    /// <summary>The SUT's host CPU time per gigabit carried (the stream scenarios), in CPU-seconds: what a unit of
    /// work costs, comparable across techniques, bare metal's own servers included.</summary>
    SutHostCpuPerGbit,

    /// <summary>The SUT's host CPU time per million transactions or requests (request/response and memcached
    /// scenarios), in CPU-seconds.</summary>
    SutHostCpuPerMillion,

    /// <summary>Requests per second served at the highest offered rate whose latency percentile met the SLO (the
    /// capacity scenarios; one search per iteration); 0 when no rate met it.</summary>
    Capacity,
}
