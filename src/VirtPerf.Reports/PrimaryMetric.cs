using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>The one figure a summary shows per scenario: median latency for request/response and memcached
/// scenarios, throughput for stream scenarios.</summary>
public static class PrimaryMetric
{
    /// <summary>The scenario's headline metric.</summary>
    public static Metric Of(Scenario scenario) => Scenarios.IsRequestResponse(scenario) ? Metric.LatencyP50 : Metric.Throughput;
}
