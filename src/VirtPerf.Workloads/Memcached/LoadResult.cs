using System.Diagnostics;
using System.Text.Json.Serialization;
using HdrHistogram;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Workloads.Memcached;

/// <summary>The figures of one measured stretch of load (after the load phase and warm-up).</summary>
/// <param name="Seconds">From the first request sent to the last reply received.</param>
/// <param name="Gets">Completed gets.</param>
/// <param name="Sets">Completed sets.</param>
/// <param name="Misses">Gets that found no value.</param>
/// <param name="Corrupt">Values read back that differ from what a set of that key wrote (should be 0).</param>
/// <param name="BytesSent">Bytes sent to memcached.</param>
/// <param name="BytesReceived">Bytes received from memcached.</param>
/// <param name="ClientCpuSeconds">CPU time of the generator's process over the stretch.</param>
/// <param name="Latency">All requests, from the moment each was sent. The latency figures (this, <paramref name="Read"/>,
/// <paramref name="Update"/>, <paramref name="LatencyFromIntended"/>, <paramref name="Latencies"/>) come from the
/// measuring connections alone when there are any (<see cref="LoadOptions.MeasureConnections"/>); the counts, bytes and
/// QPS always from every connection.</param>
/// <param name="Read">Gets only.</param>
/// <param name="Update">Sets only.</param>
/// <param name="LatencyFromIntended">Open loop only: all requests corrected for coordinated omission, from their
/// scheduled send time when the SUT held every slot then, else from their send time (<see cref="LoadRecorder.FromIntended"/>);
/// null in the closed loop, where the two are the same.</param>
/// <param name="Latencies">The distribution the latency metrics are read from (from the intended send time in the open
/// loop), every request, as an HdrHistogram log of one interval (<see cref="LatencyLog"/>).</param>
public sealed record LoadResult(
    double Seconds, long Gets, long Sets, long Misses, long Corrupt, long BytesSent, long BytesReceived,
    double ClientCpuSeconds, LatencySummary? Latency, LatencySummary? Read, LatencySummary? Update,
    LatencySummary? LatencyFromIntended, string? Latencies = null)
{
    /// <summary>Completed requests.</summary>
    public long Requests => Gets + Sets;

    /// <summary>Completed requests of each connection, in the order they were opened: per thread, per server, its
    /// load connections; then the measuring connections per server.</summary>
    public IReadOnlyList<long>? RequestsPerConnection { get; init; }

    /// <summary>With <see cref="LoadOptions.Save"/>: every get the latency figures count, by send time (never in the
    /// JSON lines: the entry point writes them to the file).</summary>
    [JsonIgnore]
    public IReadOnlyList<LatencySample>? Samples { get; init; }

    /// <summary>Completed requests per second.</summary>
    public double Qps => Requests / Seconds;

    /// <summary>The generator's CPU in percent of all the client host's CPUs.</summary>
    public double ClientCpuPercent => ClientCpuSeconds / (Seconds * Environment.ProcessorCount) * 100;

    /// <summary>The generator's CPU time per request, in microseconds.</summary>
    public double ClientCpuMicrosecondsPerRequest => Requests == 0 ? 0 : ClientCpuSeconds * 1e6 / Requests;

    /// <summary>The iteration this stretch is, its latency distribution kept (<see cref="Iteration.Latencies"/>).</summary>
    public Iteration ToIteration(int index, DateTimeOffset started, Dictionary<Metric, double> metrics) =>
        new(index, started, Seconds, metrics) { Latencies = Latencies is null ? null : LatencyLog.Read(Latencies).Single() };

    /// <summary>The latency the metrics are read from: corrected for coordinated omission in the open loop, from the
    /// send time in the closed loop (the distribution <see cref="Latencies"/> holds).</summary>
    [JsonIgnore]
    public LatencySummary? Measured => LatencyFromIntended ?? Latency;

    /// <summary>The metrics this stretch contributes to a scenario's measurement; latency is taken from the intended
    /// send time in the open loop.</summary>
    public IReadOnlyDictionary<Metric, double> ToMetrics()
    {
        var metrics = new Dictionary<Metric, double>
        {
            [Metric.TransactionRate] = Qps,
            [Metric.Misses] = Misses,
            [Metric.BytesSent] = BytesSent,
            [Metric.BytesReceived] = BytesReceived,
            [Metric.ClientCpu] = ClientCpuPercent,
        };
        if (Measured is { } latency)
        {
            metrics[Metric.LatencyMin] = latency.Min;
            metrics[Metric.LatencyP1] = latency.P1;
            metrics[Metric.LatencyP5] = latency.P5;
            metrics[Metric.LatencyP10] = latency.P10;
            metrics[Metric.LatencyP50] = latency.P50;
            metrics[Metric.LatencyP90] = latency.P90;
            metrics[Metric.LatencyP95] = latency.P95;
            metrics[Metric.LatencyP99] = latency.P99;
            metrics[Metric.LatencyP999] = latency.P999;
            metrics[Metric.LatencyMax] = latency.Max;
            metrics[Metric.LatencyMean] = latency.Mean;
            metrics[Metric.LatencyStddev] = latency.Stddev;
        }

        return metrics;
    }

    /// <summary>Adds up the connections' recorders: counts from <paramref name="recorders"/>, latency from
    /// <paramref name="measured"/> (the measuring connections' recorders, or all); sample times count from the
    /// Stopwatch timestamp <paramref name="origin"/>.</summary>
    internal static LoadResult Of(
        IReadOnlyList<LoadRecorder> recorders, IReadOnlyList<LoadRecorder> measured, double seconds, double cpuSeconds, long origin)
    {
        LongHistogram Merge(Func<LoadRecorder, IEnumerable<HistogramBase>> pick)
        {
            var merged = new LongHistogram(60_000_000_000, 3);
            foreach (var histogram in measured.SelectMany(pick))
            {
                merged.Add(histogram);
            }

            return merged;
        }

        var openLoop = measured[0].FromIntended is not null;
        var latency = openLoop ? Merge(r => r.FromIntended!) : Merge(r => r.FromSend);
        return new LoadResult(
            seconds,
            recorders.Sum(r => r.Gets),
            recorders.Sum(r => r.Sets),
            recorders.Sum(r => r.Misses),
            recorders.Sum(r => r.Corrupt),
            recorders.Sum(r => r.BytesSent),
            recorders.Sum(r => r.BytesReceived),
            cpuSeconds,
            LatencySummary.Of(openLoop ? Merge(r => r.FromSend) : latency),
            LatencySummary.Of(Merge(r => [r.FromSend[0]])),
            LatencySummary.Of(Merge(r => [r.FromSend[1]])),
            openLoop ? LatencySummary.Of(latency) : null,
            latency.TotalCount > 0 ? LatencyLog.Write([latency]) : null)
        {
            RequestsPerConnection = [.. recorders.Select(r => r.Gets + r.Sets)],
            Samples = measured[0].Samples is null ? null : SamplesOf(measured, origin),
        };
    }

    private static List<LatencySample> SamplesOf(IReadOnlyList<LoadRecorder> measured, long origin)
    {
        var tick = 1.0 / Stopwatch.Frequency;
        return [.. measured.SelectMany(r => r.Samples!).Order()
            .Select(s => new LatencySample((s.Sent - origin) * tick, s.Ticks * tick * 1e6))];
    }
}
