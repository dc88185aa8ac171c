using System.Diagnostics;
using HdrHistogram;

namespace VirtPerf.Workloads.Memcached;

/// <summary>One connection's counts and latency histograms over a run; merged into a <see cref="LoadResult"/>.</summary>
/// <param name="openLoop">Also record latency from the intended send time.</param>
/// <param name="keepSamples">Also keep every get's send time and latency (<c>--save</c>).</param>
internal sealed class LoadRecorder(bool openLoop, bool keepSamples = false)
{
    private const long HighestNanoseconds = 60_000_000_000; // 60 s; longer latencies are recorded as 60 s

    /// <summary>Latency from the moment the request was sent, per kind (index 0: get, 1: set).</summary>
    public HistogramBase[] FromSend { get; } = [NewHistogram(), NewHistogram()];

    /// <summary>Open loop only: latency from the moment the schedule meant the request to be sent (coordinated
    /// omission corrected: a late send counts against the system, as a user who arrived on time would see it).</summary>
    public HistogramBase[]? FromIntended { get; } = openLoop ? [NewHistogram(), NewHistogram()] : null;

    /// <summary>With <c>keepSamples</c>: every completed get's send time and latency from it, in Stopwatch ticks.</summary>
    public List<(long Sent, long Ticks)>? Samples { get; } = keepSamples ? [] : null;

    public long Gets { get; set; }

    public long Sets { get; set; }

    public long Misses { get; set; }

    public long Corrupt { get; set; }

    public long BytesSent { get; set; }

    public long BytesReceived { get; set; }

    /// <summary>Records one completed request at <paramref name="now"/> (Stopwatch timestamps).</summary>
    public void Complete(bool isSet, long intended, long sent, long now)
    {
        var kind = isSet ? 1 : 0;
        FromSend[kind].RecordValue(Nanoseconds(now - sent));
        FromIntended?[kind].RecordValue(Nanoseconds(now - intended));
        if (isSet)
        {
            Sets++;
        }
        else
        {
            Gets++;
            Samples?.Add((sent, now - sent));
        }
    }

    private static long Nanoseconds(long ticks) =>
        Math.Clamp((long)(ticks * (1e9 / Stopwatch.Frequency)), 1, HighestNanoseconds);

    private static HistogramBase NewHistogram() => new IntHistogram(HighestNanoseconds, 3);
}
