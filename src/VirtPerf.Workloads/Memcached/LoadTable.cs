using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace VirtPerf.Workloads.Memcached;

/// <summary>Mutilate-style tables: one latency row per request kind in microseconds, then rates and counts; a search's
/// or sweep's points one row each under Mutilate's <c>--scan</c> header; a search's capacity with its table.</summary>
/// <param name="plan">What the run does (iteration count and lengths, the search's percentile and limit).</param>
public sealed class LoadTable(LoadPlan plan)
{
    private static readonly string Header = "#type       " + string.Concat(
        new[] { "avg", "std", "min", "1st", "5th", "10th", "50th", "90th", "95th", "99th", "99.9th", "max" }.Select(c => $" {c,8}"));

    // Mutilate's --scan columns (mutilate.cc), the type column as wide as the tables'.
    private static readonly string ProbeHeader = "#type       " + string.Concat(
        new[] { "avg", "min", "1st", "5th", "10th", "90th", "95th", "99th", "QPS", "target" }.Select(c => $" {c,8}"));

    private bool _inProbes;

    /// <summary>The text for <paramref name="e"/>: a progress line, a table, or a point's row (after the header when it
    /// is the first of its search or sweep).</summary>
    public string Format(LoadEvent e)
    {
        var inProbes = _inProbes;
        _inProbes = e.Kind == LoadEventKind.Probe;
        return e.Kind switch
        {
            LoadEventKind.Loaded => Invariant($"loaded {e.Result!.Sets:N0} keys in {e.Result.Seconds:0.00} s ({e.Result.BytesSent / 1048576.0:0.0} MiB)"),
            LoadEventKind.WarmedUp => Invariant($"warm-up {plan.WarmUpSeconds:0.##} s done"),
            LoadEventKind.Started => Invariant($"\niteration {e.Iteration + 1} of {plan.Iterations} ({plan.Seconds:0.##} s)"),
            LoadEventKind.Probe => (inProbes ? "" : ProbeHeader + "\n") + Probe(e.Result!, e.TargetQps ?? 0),
            LoadEventKind.Capacity => Capacity(e),
            _ => Result(e.Result!),
        };
    }

    private static string Probe(LoadResult r, double target)
    {
        var (kind, s) = r.LatencyFromIntended is { } intended ? ("all-intended", intended) : ("all", r.Latency);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{kind,-12}");
        foreach (var value in s is null ? new double[8] : [s.Mean, s.Min, s.P1, s.P5, s.P10, s.P90, s.P95, s.P99])
        {
            text.Append(CultureInfo.InvariantCulture, $" {value,8:0.0}");
        }

        return text.Append(CultureInfo.InvariantCulture, $" {r.Qps,8:0.0} {target,8:0}").ToString();
    }

    private string Capacity(LoadEvent e)
    {
        var goal = Invariant($"p{plan.Search?.Percentile:0.###} <= {plan.Search?.LimitMicroseconds:0.###} us");
        var peak = Invariant($"Peak QPS  = {e.PeakQps ?? 0:0.0}");
        if (plan.SearchAsMutilate && e.Result is { } last)
        {
            return Invariant($"\nMutilate's search at {goal} of the gets, from their send: its last point, met or not\n") + Result(last, peak);
        }

        return e.Result is { } r && e.TargetQps > 0
            ? Invariant($"\ncapacity at {goal}: {e.TargetQps:0.0} requests/s offered\n") + Result(r, peak)
            : Invariant($"\nno rate tried kept {goal}\n{peak}");
    }

    private static string Result(LoadResult r, string? peak = null)
    {
        var text = new StringBuilder(Header).AppendLine();
        Row(text, "read", r.Read);
        Row(text, "update", r.Update);
        Row(text, "all", r.Latency);
        Row(text, "all-intended", r.LatencyFromIntended);
        text.AppendLine(Invariant($"\nTotal QPS = {r.Qps:0.0} ({r.Requests:N0} / {r.Seconds:0.00} s)"));
        if (peak is not null)
        {
            text.AppendLine(peak);
        }

        text.AppendLine(Invariant($"Misses = {r.Misses:N0} ({(r.Gets == 0 ? 0 : 100.0 * r.Misses / r.Gets):0.0}%)"));
        text.AppendLine(Invariant($"Corrupt values = {r.Corrupt:N0}"));
        text.AppendLine(Invariant($"RX {r.BytesReceived,14:N0} bytes : {r.BytesReceived / r.Seconds / 1048576:0.0} MB/s"));
        text.AppendLine(Invariant($"TX {r.BytesSent,14:N0} bytes : {r.BytesSent / r.Seconds / 1048576:0.0} MB/s"));
        text.Append(Invariant($"Client CPU = {r.ClientCpuPercent:0.0}% of {Environment.ProcessorCount} CPUs ({r.ClientCpuMicrosecondsPerRequest:0.00} us per request)"));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string kind, LatencySummary? s)
    {
        if (s is null)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"{kind,-12}");
        foreach (var value in new[] { s.Mean, s.Stddev, s.Min, s.P1, s.P5, s.P10, s.P50, s.P90, s.P95, s.P99, s.P999, s.Max })
        {
            text.Append(CultureInfo.InvariantCulture, $" {value,8:0.0}");
        }

        text.AppendLine();
    }
}
