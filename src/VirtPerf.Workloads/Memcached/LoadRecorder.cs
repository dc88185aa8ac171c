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

    /// <summary>Open loop only: latency corrected for coordinated omission, from the moment the request could have been
    /// sent: its scheduled time when every slot of its connection was taken then (the SUT held it back, which a user
    /// who arrived on time would see), else its send time. A send late because the generator's own thread woke late
    /// does not count against the SUT: on a loaded 2-core host that lateness (0.1-10 ms) would otherwise be most of a
    /// low rate's p99, and a capacity search would find the generator's limit, not the SUT's.</summary>
    public HistogramBase[]? FromIntended { get; } = openLoop ? [NewHistogram(), NewHistogram()] : null;

    /// <summary>With <c>keepSamples</c>: every completed get's send time and latency from it, in Stopwatch ticks.</summary>
    public List<(long Sent, long Ticks)>? Samples { get; } = keepSamples ? [] : null;

    public long Gets { get; set; }

    public long Sets { get; set; }

    public long Misses { get; set; }

    public long Corrupt { get; set; }

    public long BytesSent { get; set; }

    public long BytesReceived { get; set; }

    /// <summary>Records one completed request at <paramref name="now"/>, sent at <paramref name="sent"/>, its corrected
    /// latency counted from <paramref name="start"/> (Stopwatch timestamps; see <see cref="FromIntended"/>).</summary>
    public void Complete(bool isSet, long start, long sent, long now)
    {
        var kind = isSet ? 1 : 0;
        FromSend[kind].RecordValue(Nanoseconds(now - sent));
        FromIntended?[kind].RecordValue(Nanoseconds(now - start));
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
