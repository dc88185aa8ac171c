using System.Globalization;
using System.Text.RegularExpressions;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Benchmarks;

/// <summary>
/// The generator's capacity search against Mutilate's on the same loopback memcached with the same options
/// (<c>--search=99:X</c>, ETC key and value sizes, 3% sets, 4 connections of depth 4, exponential inter-arrivals,
/// points of <c>-t</c> seconds), three searches a round in turn: Mutilate's, the generator's by Mutilate's rule
/// (<c>--search-as-mutilate</c>: is the generator faithful?) and by its own (what the suite's capacity rows find); each
/// run loads its own keys first. Mutilate
/// is not shipped or built by this project: pass the path of one you built yourself.
/// With <c>serverCpus</c> above 0 memcached runs under a CPU quota of that many CPUs, so that it saturates well before
/// either client: on a 2-core host the clients and the server otherwise share the CPUs, latency is not monotonic in
/// load, and each tool mostly finds its own client's peak. With <c>pinned</c> memcached runs on the second CPU and both
/// clients on the first, so the server saturates without a quota's throttling (25 ms of every 100 ms at 0.25 CPUs).
/// memcached is registered with a benchmark run (ended on
/// Ctrl-C or SIGTERM, or by the next start if this one is killed).
/// </summary>
internal static partial class MutilateSearch
{
    public static async Task<int> RunAsync(string mutilate, int rounds, int limitMicroseconds, int seconds, double serverCpus, bool pinned)
    {
        if (!File.Exists(mutilate))
        {
            Console.Error.WriteLine($"No Mutilate at {mutilate}: build it yourself from its public sources and pass its path (this project does not ship or build it).");
            return 2;
        }

        await using var run = await BenchmarkRun.StartAsync(withNetserver: false);
        await using var memcached = await LoopbackMemcached.StartAsync((tool, arguments) => run.Registry.Start(run.RunId, tool, arguments));
        await using var quota = serverCpus > 0 ? CpuQuota.Create(run.RunId, "mc", serverCpus) : null;
        quota?.Add(memcached.Process.ProcessId);
        if (pinned)
        {
            // memcached's threads on the second CPU, this process (the generator) and the Mutilate runs it starts on the first.
            await Tool.RunAsync("taskset", ["-a", "-p", "-c", "1", $"{memcached.Process.ProcessId}"], CancellationToken.None);
            await Tool.RunAsync("taskset", ["-a", "-p", "-c", "0", $"{Environment.ProcessId}"], CancellationToken.None);
        }

        var server = $"127.0.0.1:{memcached.Port}";
        string[] common = ["-K", "fb_key", "-V", "fb_value", "-i", "exponential", "-u", "0.03", "-c", "4", "-d", "4", "-t", $"{seconds}"];
        var target = new SearchTarget(99, limitMicroseconds);
        var results = new List<Round>();
        for (var round = 0; round < rounds; round++)
        {
            (double Capacity, double Peak) theirs = default, ours = default, oursAsTheirs = default;
            for (var i = 0; i < 3; i++)
            {
                switch ((round + i) % 3)
                {
                    case 0:
                        var found = await MutilateAsync(mutilate, ["-s", server, .. common, $"--search={target}"]);
                        theirs = (found.Capacity, found.Peak);
                        break;
                    case 1:
                        ours = await OursAsync(server, common, target, asMutilate: false);
                        break;
                    default:
                        oursAsTheirs = await OursAsync(server, common, target, asMutilate: true);
                        break;
                }
            }

            // Mutilate's own open loop at each answer: which of the two is a rate an open load meets the SLO at?
            async Task<(double P99, double Skipped)> MutilateAt(double qps)
            {
                var runs = new List<(double P99, double Skipped)>();
                for (var i = 0; qps > 0 && i < CheckRuns; i++)
                {
                    var check = await MutilateAsync(mutilate, ["-s", server, .. common, $"--qps={qps:0}", "--skip"]);
                    runs.Add((check.ReadP99, check.SkippedPercent));
                }

                return runs.Count == 0 ? (double.NaN, double.NaN) : (Medians.Of(runs.Select(c => c.P99)), Medians.Of(runs.Select(c => c.Skipped)));
            }

            var r = new Round(theirs.Capacity, oursAsTheirs.Capacity, ours.Capacity, theirs.Peak, ours.Peak, await MutilateAt(theirs.Capacity), await MutilateAt(ours.Capacity));
            results.Add(r);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1} of {rounds}: Mutilate {r.Mutilate:0}/s (peak {r.MutilatePeak:0}), generator by Mutilate's rule {r.OursAsMutilate:0}/s, by its own {r.Ours:0}/s (peak {r.OursPeak:0}); "
                + $"Mutilate's open loop at its answer p99 {r.AtTheirs.P99:0} us ({r.AtTheirs.Skipped:0.0}% skipped), at the generator's {r.AtOurs.P99:0} us ({r.AtOurs.Skipped:0.0}% skipped)"));
        }

        var limit = (quota is null ? "no CPU limit" : $"under a CPU quota of {serverCpus} CPUs (throttled in {quota.ThrottledPeriods} periods)")
            + (pinned ? "; memcached pinned to CPU 1, the clients to CPU 0" : "");
        Console.WriteLine($"capacity search, loopback memcached ({Environment.ProcessorCount} CPUs, {limit}), --search={target} {string.Join(' ', common)}, {rounds} rounds, alternating");
        Console.WriteLine($"check: Mutilate's own open loop (--qps=R --skip, medians of {CheckRuns} runs) at each tool's answer R: its reads' p99 and the requests it");
        Console.WriteLine("skipped (due more than 5 ms while the connection's depth was full: Mutilate times every request from its send, so a server that falls behind shows here, not in its p99)");
        Console.WriteLine();
        Console.WriteLine("generator as Mutilate: --search-as-mutilate, Mutilate's own rule (the peak when its p99 meets the limit, else its last point; gets timed");
        Console.WriteLine("from their send); generator: its own rule, the suite's (open-loop rates only, timed from their intended send, edge points repeated)");
        Console.WriteLine();
        Console.WriteLine($"{"round",5} {"Mutilate req/s",15} {"gen. as Mutilate",17} {"ratio",7} {"generator req/s",16} {"ratio",7} {"Mutilate peak",14} {"generator peak",15} {"at Mutilate's: p99",19} {"skipped",8} {"at generator's: p99",20} {"skipped",8}");
        foreach (var (r, index) in results.Select((r, index) => (r, index)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{index + 1,5} {r.Mutilate,15:0} {r.OursAsMutilate,17:0} {Ratio(r.OursAsMutilate, r.Mutilate),7:0.000} {r.Ours,16:0} {Ratio(r.Ours, r.Mutilate),7:0.000} {r.MutilatePeak,14:0} {r.OursPeak,15:0} {r.AtTheirs.P99,19:0} {r.AtTheirs.Skipped,7:0.0}% {r.AtOurs.P99,20:0} {r.AtOurs.Skipped,7:0.0}%"));
        }

        var (theirsMedian, asTheirsMedian, oursMedian) =
            (Medians.Of(results.Select(r => r.Mutilate)), Medians.Of(results.Select(r => r.OursAsMutilate)), Medians.Of(results.Select(r => r.Ours)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {theirsMedian,15:0} {asTheirsMedian,17:0} {Ratio(asTheirsMedian, theirsMedian),7:0.000} {oursMedian,16:0} {Ratio(oursMedian, theirsMedian),7:0.000}"));
        Console.WriteLine("target: the generator as Mutilate within 5% of Mutilate (ratio of the medians 0.95..1.05): the same rule on the same memcached");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answers Mutilate's own open loop serves within the SLO without skipping more than 1%: Mutilate's {results.Count(r => Serves(r.AtTheirs))} of {rounds}, "
            + $"the generator's {results.Count(r => Serves(r.AtOurs))} of {results.Count(r => r.Ours > 0)}"));
        bool Serves((double P99, double Skipped) at) => at.P99 <= target.LimitMicroseconds && at.Skipped <= 1;
        return 0;
    }

    /// <summary>Mutilate open-loop runs at each answer's rate, one after another.</summary>
    private const int CheckRuns = 3;

    private sealed record Round(
        double Mutilate, double OursAsMutilate, double Ours, double MutilatePeak, double OursPeak, (double P99, double Skipped) AtTheirs, (double P99, double Skipped) AtOurs);

    private static double Ratio(double ours, double theirs) => theirs == 0 ? double.NaN : ours / theirs;

    /// <summary>Mutilate's last point ("Total QPS = ..."), its closed-loop peak ("Peak QPS = ..."; absent when the
    /// peak met the limit, then the peak is the last point) and its reads' 99th percentile in microseconds.</summary>
    private static async Task<(double Capacity, double Peak, double ReadP99, double SkippedPercent)> MutilateAsync(string mutilate, IReadOnlyList<string> arguments)
    {
        var run = await Tool.RunAsync(mutilate, arguments, CancellationToken.None);
        var (total, read) = (TotalQps().Match(run.StandardOutput), ReadRow().Match(run.StandardOutput));
        if (!total.Success || !read.Success)
        {
            throw new ToolException("Mutilate printed no 'Total QPS' line or no 'read' row.", run);
        }

        var capacity = double.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        var peak = PeakQps().Match(run.StandardOutput);
        var skipped = Skipped().Match(run.StandardOutput);
        return (capacity, peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) : capacity,
            double.Parse(read.Groups[1].Value, CultureInfo.InvariantCulture),
            skipped.Success ? double.Parse(skipped.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    /// <summary>The generator in this process, with the same options, as <c>--search</c> runs it (by Mutilate's rule with
    /// <paramref name="asMutilate"/>).</summary>
    private static async Task<(double Capacity, double Peak)> OursAsync(string server, IReadOnlyList<string> common, SearchTarget target, bool asMutilate)
    {
        var (options, plan) = LoadCommandLine.Parse(["-s", server, .. common, "--search", target.ToString(), .. asMutilate ? ["--search-as-mutilate"] : Array.Empty<string>()]);
        (double Capacity, double Peak) found = default;
        await LoadSession.RunAsync(options, plan, e =>
        {
            if (e is { Kind: LoadEventKind.Probe, Result: { } point })
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  generator point{(asMutilate ? " (as Mutilate)" : "")}: offered {e.TargetQps:0}/s, served {point.Qps:0}/s, p99 {point.Measured?.P99:0} us, gets' p99 from send {point.Read?.P99:0} us"));
            }
            else if (e.Kind == LoadEventKind.Capacity)
            {
                found = (e.TargetQps!.Value, e.PeakQps!.Value);
            }
        });
        return found;
    }

    [GeneratedRegex(@"Total QPS = ([0-9.]+)")]
    private static partial Regex TotalQps();

    [GeneratedRegex(@"Peak QPS\s+= ([0-9.]+)")]
    private static partial Regex PeakQps();

    /// <summary>With <c>--skip</c>, requests an open loop dropped because they were overdue while the connection's depth
    /// was full (Connection.cc): Mutilate times every request from its send, so a server that falls behind shows here,
    /// not in its percentiles.</summary>
    [GeneratedRegex(@"Skipped TXs = [0-9]+ \(([0-9.]+)%\)")]
    private static partial Regex Skipped();

    /// <summary>The read row of Mutilate's table: avg std min 5th 10th 90th 95th 99th; the last is the 99th.</summary>
    [GeneratedRegex(@"^read(?:\s+[0-9.]+){7}\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ReadRow();
}
