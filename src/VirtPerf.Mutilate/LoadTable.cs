using System.Globalization;
using System.Text;
using VirtPerf.Workloads.Memcached;
using static System.FormattableString;

namespace VirtPerf.Mutilate;

/// <summary>Mutilate-style tables: one latency row per request kind in microseconds, then rates and counts.</summary>
internal static class LoadTable
{
    private static readonly string Header = "#type       " + string.Concat(
        new[] { "avg", "std", "min", "1st", "5th", "10th", "50th", "90th", "95th", "99th", "99.9th", "max" }.Select(c => $" {c,8}"));

    public static string Format(LoadEvent e, LoadPlan plan) => e.Kind switch
    {
        LoadEventKind.Loaded => Invariant($"loaded {e.Result!.Sets:N0} keys in {e.Result.Seconds:0.00} s ({e.Result.BytesSent / 1048576.0:0.0} MiB)"),
        LoadEventKind.WarmedUp => Invariant($"warm-up {plan.WarmUpSeconds:0.##} s done"),
        LoadEventKind.Started => Invariant($"\niteration {e.Iteration + 1} of {plan.Iterations} ({plan.Seconds:0.##} s)"),
        _ => Result(e.Result!),
    };

    private static string Result(LoadResult r)
    {
        var text = new StringBuilder(Header).AppendLine();
        Row(text, "read", r.Read);
        Row(text, "update", r.Update);
        Row(text, "all", r.Latency);
        Row(text, "all-intended", r.LatencyFromIntended);
        text.AppendLine(Invariant($"\nTotal QPS = {r.Qps:0.0} ({r.Requests:N0} / {r.Seconds:0.00} s)"));
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
