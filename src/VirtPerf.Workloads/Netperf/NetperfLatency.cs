namespace VirtPerf.Workloads.Netperf;

/// <summary>netperf's per-transaction latency statistics in microseconds (collected with the global <c>-j</c>).</summary>
public sealed record NetperfLatency(double Min, double Mean, double Stddev, double P50, double P90, double P99, double Max);
