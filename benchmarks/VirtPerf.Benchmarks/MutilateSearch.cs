using System.Globalization;
using System.Text.RegularExpressions;
using VirtPerf.Cli;
using VirtPerf.TestSupport;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Benchmarks;

/// <summary>
/// The generator's capacity search against Mutilate's on the same loopback memcached with the same options
/// (<c>--search=99:X</c>, ETC key and value sizes, 3% sets, 4 connections of depth 4, exponential inter-arrivals,
/// points of <c>-t</c> seconds), alternating which runs first each round; each run loads its own keys first. Mutilate
/// is not shipped or built by this project: pass the path of one you built yourself.
/// </summary>
internal static partial class MutilateSearch
{
    public static async Task<int> RunAsync(string mutilate, int rounds, int limitMicroseconds, int seconds)
    {
        if (!File.Exists(mutilate))
        {
            Console.Error.WriteLine($"No Mutilate at {mutilate}: build it yourself from its public sources and pass its path (this project does not ship or build it).");
            return 2;
        }

        await using var memcached = await LoopbackMemcached.StartAsync();
        var server = $"127.0.0.1:{memcached.Port}";
        string[] common = ["-K", "fb_key", "-V", "fb_value", "-i", "exponential", "-u", "0.03", "-c", "4", "-d", "4", "-t", $"{seconds}"];
        var target = new SearchTarget(99, limitMicroseconds);
        var results = new List<(double Mutilate, double Ours, double MutilatePeak, double OursPeak)>();
        for (var round = 0; round < rounds; round++)
        {
            (double Capacity, double Peak) theirs = default, ours = default;
            for (var i = 0; i < 2; i++)
            {
                if ((round + i) % 2 == 0)
                {
                    theirs = await MutilateAsync(mutilate, ["-s", server, .. common, $"--search={target}"]);
                }
                else
                {
                    ours = await OursAsync(server, common, target);
                }
            }

            results.Add((theirs.Capacity, ours.Capacity, theirs.Peak, ours.Peak));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1} of {rounds}: Mutilate {theirs.Capacity:0}/s (peak {theirs.Peak:0}), generator {ours.Capacity:0}/s (peak {ours.Peak:0})"));
        }

        Console.WriteLine($"capacity search, loopback memcached ({Environment.ProcessorCount} CPUs), --search={target} {string.Join(' ', common)}, {rounds} rounds, alternating");
        Console.WriteLine();
        Console.WriteLine($"{"round",5} {"Mutilate req/s",15} {"generator req/s",16} {"ratio",7} {"Mutilate peak",14} {"generator peak",15}");
        foreach (var (r, index) in results.Select((r, index) => (r, index)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{index + 1,5} {r.Mutilate,15:0} {r.Ours,16:0} {Ratio(r.Ours, r.Mutilate),7:0.000} {r.MutilatePeak,14:0} {r.OursPeak,15:0}"));
        }

        var (theirsMedian, oursMedian) = (Medians.Of(results.Select(r => r.Mutilate)), Medians.Of(results.Select(r => r.Ours)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {theirsMedian,15:0} {oursMedian,16:0} {Ratio(oursMedian, theirsMedian),7:0.000}   target: the medians within 5% (ratio 0.95..1.05)"));
        return 0;
    }

    private static double Ratio(double ours, double theirs) => theirs == 0 ? double.NaN : ours / theirs;

    /// <summary>Mutilate's last point ("Total QPS = ...") and its closed-loop peak ("Peak QPS = ..."; absent when the
    /// peak met the limit, then the peak is the last point).</summary>
    private static async Task<(double Capacity, double Peak)> MutilateAsync(string mutilate, IReadOnlyList<string> arguments)
    {
        var run = await Tool.RunAsync(mutilate, arguments, CancellationToken.None);
        var total = TotalQps().Match(run.StandardOutput);
        if (!total.Success)
        {
            throw new ToolException("Mutilate printed no 'Total QPS' line.", run);
        }

        var capacity = double.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        var peak = PeakQps().Match(run.StandardOutput);
        return (capacity, peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) : capacity);
    }

    /// <summary>The generator in this process, with the same options, as <c>--search</c> runs it.</summary>
    private static async Task<(double Capacity, double Peak)> OursAsync(string server, IReadOnlyList<string> common, SearchTarget target)
    {
        var (options, plan) = LoadCommandLine.Parse(["-s", server, .. common, "--search", target.ToString()]);
        (double Capacity, double Peak) found = default;
        await LoadSession.RunAsync(options, plan, e =>
        {
            if (e.Kind == LoadEventKind.Capacity)
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
}
