using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

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

    /// <summary>The histograms of a log, in order, each with its tag and interval; a log that cannot be read throws
    /// <see cref="FormatException"/>. Read here rather than by HdrHistogram.NET 2.5.0's HistogramLogReader, which takes
    /// one Read of its DeflateStream for a whole payload and fails when that returns part of it (its issue #99): about
    /// a quarter of wide, skewed distributions, a capacity search's points among them.</summary>
    public static IReadOnlyList<HistogramBase> Read(string log)
    {
        var (histograms, startTime, baseTime) = (new List<HistogramBase>(), 0.0, (double?)null);
        foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("#[StartTime: ", StringComparison.Ordinal))
            {
                startTime = Seconds(line["#[StartTime: ".Length..].Split(' ')[0]);
            }
            else if (line.StartsWith("#[BaseTime: ", StringComparison.Ordinal))
            {
                baseTime = Seconds(line["#[BaseTime: ".Length..].Split(' ')[0]);
            }
            else if (!line.StartsWith('#') && !line.StartsWith("\"StartTimestamp\"", StringComparison.Ordinal))
            {
                histograms.Add(Interval(line, baseTime ?? startTime));
            }
        }

        return histograms;
    }

    /// <summary>One interval line: <c>[Tag=T,]start,length,max,payload</c>; start is absolute seconds, or relative to
    /// the base (or the start time) when it is less than a year, as HdrHistogram's readers take it.</summary>
    private static HistogramBase Interval(string line, double baseSeconds)
    {
        var tag = line.StartsWith("Tag=", StringComparison.Ordinal) ? line[4..line.IndexOf(',', StringComparison.Ordinal)] : null;
        var fields = (tag is null ? line : line[(tag.Length + 5)..]).Split(',');
        if (fields.Length != 4)
        {
            throw new FormatException($"Not an HdrHistogram log: '{Shorten(line)}' is not [Tag=T,]start,length,max,histogram.");
        }

        var (start, length) = (Seconds(fields[0]), Seconds(fields[1]));
        var histogram = Decode(fields[3], line);
        histogram.Tag = tag;
        histogram.StartTimeStamp = (long)Math.Round((start < 365 * 24 * 3600 ? baseSeconds + start : start) * 1000);
        histogram.EndTimeStamp = histogram.StartTimeStamp + (long)Math.Round(length * 1000);
        return histogram;
    }

    /// <summary>A compressed histogram (cookie, length, zlib stream of the plain encoding), inflated whole.</summary>
    private static HistogramBase Decode(string base64, string line)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
            using var zlib = new ZLibStream(new MemoryStream(bytes, 8, length), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            zlib.CopyTo(plain);
            return HistogramEncoding.DecodeFromByteBuffer(ByteBuffer.Allocate(plain.ToArray()), 0);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException or NotSupportedException or IndexOutOfRangeException)
        {
            throw new FormatException($"Not an HdrHistogram log ({e.Message}): '{Shorten(line)}'.", e);
        }
    }

    private static double Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new FormatException($"Not an HdrHistogram log: '{text}' is not a time in seconds.");

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "...";
}
