using System.Globalization;
using System.Text.RegularExpressions;

namespace VirtPerf.Workloads.Netperf;

/// <summary>The netperf argument list for one scenario run (netperf 2.7 omni tests, keyval output).</summary>
public static partial class NetperfCommand
{
    /// <summary>Units netperf is asked for with <c>-f m</c>: 10^6 bits per second.</summary>
    public const string ThroughputUnits = "10^6bits/s";

    /// <summary>The selector of the SUT's CPU utilization, which only a SUT that can measure it is asked for.</summary>
    public const string RemoteCpuSelector = "REMOTE_CPU_UTIL";

    /// <summary>The omni output selectors every scenario requests (<c>-- -k</c>); netperf prints each as KEY=VALUE.</summary>
    public static IReadOnlyList<string> Selectors { get; } =
        ["THROUGHPUT", "THROUGHPUT_UNITS", "TRANSACTION_RATE", "LOCAL_CPU_UTIL", RemoteCpuSelector, "ELAPSED_TIME"];

    /// <summary>The latency selectors request/response scenarios add. Asking for them makes netperf time every call,
    /// which costs a CPU-bound stream test several percent of throughput, so stream scenarios do not.</summary>
    public static IReadOnlyList<string> LatencySelectors { get; } =
        ["MIN_LATENCY", "MEAN_LATENCY", "STDDEV_LATENCY", "P50_LATENCY", "P90_LATENCY", "P99_LATENCY", "MAX_LATENCY"];

    /// <summary>The selectors <paramref name="scenario"/> requests; without <paramref name="remoteCpu"/> not
    /// REMOTE_CPU_UTIL (netperf would print -1 for it).</summary>
    public static IReadOnlyList<string> SelectorsOf(Scenario scenario, bool remoteCpu = true) =>
        [
            .. Selectors.Where(s => remoteCpu || s != RemoteCpuSelector),
            .. Scenarios.IsRequestResponse(scenario) ? LatencySelectors : [],
        ];

    /// <summary>netperf's arguments for <paramref name="scenario"/> against <paramref name="target"/> for a run of
    /// <paramref name="seconds"/>, or of <paramref name="transactions"/> when given (netperf's <c>-l -N</c>).</summary>
    public static IReadOnlyList<string> Arguments(Scenario scenario, NetperfTarget target, int seconds, int? transactions = null)
    {
        if (Scenarios.SuiteOf(scenario) != Suite.Netperf)
        {
            throw new ArgumentException($"{scenario} is not a netperf scenario.", nameof(scenario));
        }

        if (!HostName().IsMatch(target.Host))
        {
            throw new ArgumentException($"'{target.Host}' is not a host name or IP address.", nameof(target));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        var arguments = new List<string>
        {
            "-H", target.Host,
            "-p", Number(target.ControlPort),
            "-t", scenario.ToString(),
            "-l", transactions is { } n ? "-" + Number(Math.Max(1, n)) : Number(seconds),
            "-c", // CPU utilization of the client (netperf(1), global options), and of the SUT (-C) where it can tell
        };
        if (target.RemoteCpu)
        {
            arguments.Add("-C");
        }

        if (Scenarios.IsRequestResponse(scenario))
        {
            arguments.Add("-j"); // keep the timing statistics the *_LATENCY selectors need
        }

        arguments.AddRange(["-f", "m", "--", "-k", string.Join(',', SelectorsOf(scenario, target.RemoteCpu))]);
        if (target.DataPort is { } dataPort)
        {
            arguments.AddRange(["-P", "," + Number(dataPort)]);
        }

        if (target.DataOnHost)
        {
            arguments.AddRange(["-H", target.Host]); // netserver binds the data socket to it (netperf manual, omni -H)
        }

        if (scenario == Scenario.UDP_STREAM)
        {
            // UDP_STREAM sets SO_DONTROUTE unless told otherwise; the testbed's paths are routed (netperf manual, -R).
            arguments.AddRange(["-R", "1"]);
        }

        return arguments;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.:-]*$")]
    private static partial Regex HostName();
}
