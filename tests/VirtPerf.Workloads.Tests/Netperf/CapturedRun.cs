using System.Globalization;
using VirtPerf.Cli;

namespace VirtPerf.Workloads.Tests.Netperf;

/// <summary>Output of the real netperf 2.7.0 (Debian), captured over a veth cable with the driver's arguments:
/// NAME.stdout, NAME.stderr and NAME.exitcode under Netperf/Captured.</summary>
internal static class CapturedRun
{
    public static ToolResult Load(string name)
    {
        string Read(string extension) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Netperf", "Captured", $"{name}.{extension}"));
        return new ToolResult(
            $"ip netns exec vnp-000000-cli netperf (captured {name})",
            int.Parse(Read("exitcode").Trim(), CultureInfo.InvariantCulture),
            Read("stdout"),
            Read("stderr"));
    }

    public static string Value(string name, string key) =>
        Load(name).StandardOutput.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
}
