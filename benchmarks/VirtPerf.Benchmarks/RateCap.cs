using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>A rate limit's ceiling on one metric of the slowed side: transactions per second for TCP_RR and UDP_RR (one
/// request frame each), Mbit/s of the stream's data for TCP_STREAM and TCP_MAERTS (the shaper also counts headers, a few
/// percent, so the ceiling on netperf's payload is a little lower).</summary>
/// <param name="Metric">The metric the limit caps.</param>
/// <param name="Limit">The most it lets through, in the metric's unit.</param>
internal sealed record RateCap(Metric Metric, double Limit);
