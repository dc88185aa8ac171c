using System.Text;
using HdrHistogram;

namespace VirtPerf.Workloads.Measurements;

/// <summary>
/// Latency histograms (nanoseconds, 3 significant digits) in HdrHistogram's log format, the one HdrHistogram's own
/// tools (HistogramLogProcessor, the plotters) read: what the load generator hands the driver per iteration, and what
/// a row keeps beside its results (<c>TECHNIQUE.SCENARIO.hlog</c>), one interval per iteration tagged with its index, so
/// the report merges real distributions rather than taking medians of per-iteration percentiles.
/// </summary>
public static class LatencyLog
{
    /// <summary>The extension of a row's latency log beside its results.</summary>
    public const string Extension = ".hlog";

    /// <summary>The log of <paramref name="histograms"/>, in order.</summary>
    public static string Write(IEnumerable<HistogramBase> histograms)
    {
        var stream = new MemoryStream();
        using (var writer = new HistogramLogWriter(stream))
        {
            var all = histograms.ToArray();
            writer.Write(all.Length > 0 && all[0].StartTimeStamp > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(all[0].StartTimeStamp).UtcDateTime : DateTime.UnixEpoch, all);
        }

        // The writer writes UTF-16; the log format is ASCII text, which HdrHistogram's tools in every language read.
        using var text = new StreamReader(new MemoryStream(stream.ToArray()), detectEncodingFromByteOrderMarks: true);
        return text.ReadToEnd();
    }

    /// <summary>The log of the iterations' histograms, each tagged <c>iteration=N</c> and stamped with its time; null
    /// when an iteration has none (netperf gives percentiles only).</summary>
    public static string? Of(IReadOnlyList<Iteration> iterations)
    {
        if (iterations.Count == 0 || iterations.Any(i => i.Latencies is null))
        {
            return null;
        }

        return Write(iterations.Select(i =>
        {
            var histogram = i.Latencies!.Copy();
            histogram.Tag = $"iteration={i.Index}";
            histogram.StartTimeStamp = i.Started.ToUnixTimeMilliseconds();
            histogram.EndTimeStamp = histogram.StartTimeStamp + (long)(i.ElapsedSeconds * 1000);
            return histogram;
        }));
    }

    /// <summary>The histograms of a log, in order; a log that cannot be read throws <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<HistogramBase> Read(string log)
    {
        try
        {
            using var reader = new HistogramLogReader(new MemoryStream(Encoding.UTF8.GetBytes(log)));
            return reader.ReadHistograms().ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatException($"Not an HdrHistogram log ({e.Message}).", e);
        }
    }
}
