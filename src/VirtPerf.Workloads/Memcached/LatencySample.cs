using System.Globalization;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// One get's raw latency as Mutilate's <c>--save</c> writes it (mutilate.cc: <c>"%f %f\n"</c>, start time minus
/// boot time, then <c>Operation::time()</c>): one line per get, when it was sent in seconds since the generator
/// connected, then its latency from that moment in microseconds, six decimals each.
/// </summary>
/// <param name="StartSeconds">When the get was sent, in seconds since the generator connected.</param>
/// <param name="Microseconds">Its latency from that moment.</param>
public readonly record struct LatencySample(double StartSeconds, double Microseconds)
{
    /// <summary>Writes <paramref name="samples"/>, one line each.</summary>
    public static void Write(TextWriter writer, IEnumerable<LatencySample> samples)
    {
        foreach (var sample in samples)
        {
            writer.Write(sample.StartSeconds.ToString("F6", CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(sample.Microseconds.ToString("F6", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="FormatException"/> naming the line that is not
    /// two numbers.</summary>
    public static IEnumerable<LatencySample> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var parts = line.Split(' ');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var microseconds))
            {
                throw new FormatException($"line {number} '{line}' is not 'START_SECONDS LATENCY_US'.");
            }

            yield return new LatencySample(start, microseconds);
        }
    }
}
