using System.Globalization;
using VirtPerf.Cli;

namespace VirtPerf.Workloads.Netperf;

/// <summary>Reads netperf's keyval output (<c>-- -k</c>) into a <see cref="NetperfResult"/>.</summary>
public static class NetperfOutput
{
    /// <summary>Parses a finished netperf run of <paramref name="scenario"/>, with the SUT's CPU when it was asked for
    /// (<paramref name="remoteCpu"/>); anything missing or unreadable throws a <see cref="ToolException"/> that quotes
    /// the command and netperf's own output.</summary>
    public static NetperfResult Parse(ToolResult run, Scenario scenario, bool remoteCpu = true)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in run.StandardOutput.Split('\n'))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && line[..separator].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                values[line[..separator]] = line[(separator + 1)..].Trim();
            }
        }

        var missing = NetperfCommand.SelectorsOf(scenario, remoteCpu).Where(s => !values.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new ToolException($"netperf's output lacks {string.Join(", ", missing)}.", run);
        }

        if (values["THROUGHPUT_UNITS"] != NetperfCommand.ThroughputUnits)
        {
            throw new ToolException(
                $"netperf reported throughput in '{values["THROUGHPUT_UNITS"]}', expected '{NetperfCommand.ThroughputUnits}'.", run);
        }

        double Number(string key) =>
            double.TryParse(values[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : throw new ToolException($"netperf's {key} is '{values[key]}', not a number.", run);

        return new NetperfResult(
            Throughput: Number("THROUGHPUT"),
            TransactionRate: Number("TRANSACTION_RATE"),
            Latency: !Scenarios.IsRequestResponse(scenario) ? null : new NetperfLatency(
                Min: Number("MIN_LATENCY"),
                Mean: Number("MEAN_LATENCY"),
                Stddev: Number("STDDEV_LATENCY"),
                P50: Number("P50_LATENCY"),
                P90: Number("P90_LATENCY"),
                P99: Number("P99_LATENCY"),
                Max: Number("MAX_LATENCY")),
            LocalCpu: Number("LOCAL_CPU_UTIL"),
            RemoteCpu: remoteCpu ? Number(NetperfCommand.RemoteCpuSelector) : null,
            ElapsedSeconds: Number("ELAPSED_TIME"));
    }
}
