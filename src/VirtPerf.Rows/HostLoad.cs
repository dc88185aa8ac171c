using System.Globalization;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Rows;

/// <summary>The SUT host's load when a row starts and ends (<c>/proc/loadavg</c>, and the columns of <c>/proc/stat</c>,
/// proc(5)), and the CPU time the run's own processes had used by then: the short noise check recorded with every verdict.</summary>
/// <param name="Load">The 1-minute load average.</param>
/// <param name="StealTicks">CPU ticks stolen by the hypervisor so far, over all CPUs.</param>
/// <param name="TotalTicks">All CPU ticks so far.</param>
/// <param name="BusyTicks">Ticks spent working so far (user, nice, system, irq, softirq; guest time is in user).</param>
/// <param name="OursSeconds">CPU seconds the run's own processes had used so far, or null where it cannot tell.</param>
public sealed record HostLoad(double Load, long StealTicks, long TotalTicks, long BusyTicks = 0, double? OursSeconds = null)
{
    /// <summary>Reads the load of <paramref name="host"/> now, and <paramref name="ours"/> (the CPU seconds of the
    /// run's processes) when given; null where the host does not say (the row goes on).</summary>
    public static async Task<HostLoad?> ReadAsync(SutHost host, Func<double>? ours = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var load = (await host.ReadFileAsync("/proc/loadavg", cancellationToken)).Split(' ')[0];
            var cpu = (await host.ReadFileAsync("/proc/stat", cancellationToken)).Split('\n')[0]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList();
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
            long Column(int index) => cpu.Count > index ? cpu[index] : 0;
            return new HostLoad(double.Parse(load, CultureInfo.InvariantCulture), Column(7), cpu.Take(8).Sum(),
                Column(0) + Column(1) + Column(2) + Column(5) + Column(6), ours?.Invoke());
        }
        catch (Exception e) when (e is IOException or FormatException or Cli.ToolException)
        {
            return null;
        }
    }

    /// <summary>The CPU seconds of this process and all it started (the SUT's processes it runs, both sides' servers,
    /// the clients), and of the test runner that relays its output (<see cref="TestRunner"/>): the run's own, for
    /// <see cref="ReadAsync"/>.</summary>
    public static double ThisProcessTree() =>
        ProcessTreeCpu.Seconds([Environment.ProcessId]) + (TestRunner.Value is { } runner ? ProcessTreeCpu.OwnSeconds(runner) : 0);

    /// <summary>This process's parent when it is vstest's runner (<c>dotnet test</c>'s, and the IDEs' that use it),
    /// which prints every line a row logs: 1-3% of this host's 2 CPUs while a TCG guest's row ran (measured 2026-12-07),
    /// enough to push a quiet row to the 5% of <see cref="HostNoise.MostOtherWorkPercent"/>. Its own CPU only: other test
    /// assemblies' hosts it runs beside this one are other work.</summary>
    private static readonly Lazy<int?> TestRunner = new(() =>
        ProcessTreeCpu.Parent(Environment.ProcessId) is { } parent && IsTestRunner(CommandLine(parent)) ? parent : null);

    /// <summary>True for the command line of vstest's runner (<c>dotnet exec .../vstest.console.dll ...</c>).</summary>
    public static bool IsTestRunner(string commandLine) => commandLine.Contains("vstest.console", StringComparison.Ordinal);

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The noise between this reading and a later one, <paramref name="after"/>, on a host of <paramref name="cores"/> CPUs.</summary>
    public HostNoise To(HostLoad after, int cores)
    {
        var total = after.TotalTicks - TotalTicks;
        double? other = total <= 0 || OursSeconds is not { } ours || after.OursSeconds is not { } oursAfter
            ? null
            // Both counters tick at USER_HZ; the two are read a moment apart, so a quiet host can come out a little below 0.
            : Math.Max(0, 100.0 * (after.BusyTicks - BusyTicks - (oursAfter - ours) * ProcessTreeCpu.TicksPerSecond) / total);
        return new HostNoise(Load, after.Load, total > 0 ? 100.0 * (after.StealTicks - StealTicks) / total : 0, cores, other);
    }
}
