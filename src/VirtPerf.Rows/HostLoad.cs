using System.Globalization;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Rows;

/// <summary>The SUT host's load when a row starts and ends (<c>/proc/loadavg</c>, and the steal column of
/// <c>/proc/stat</c>, proc(5)): the short noise check recorded with every verdict.</summary>
/// <param name="Load">The 1-minute load average.</param>
/// <param name="StealTicks">CPU ticks stolen by the hypervisor so far, over all CPUs.</param>
/// <param name="TotalTicks">All CPU ticks so far.</param>
public sealed record HostLoad(double Load, long StealTicks, long TotalTicks)
{
    /// <summary>Reads the load of <paramref name="host"/> now; null where the host does not say (the row goes on).</summary>
    public static async Task<HostLoad?> ReadAsync(SutHost host, CancellationToken cancellationToken = default)
    {
        try
        {
            var load = (await host.ReadFileAsync("/proc/loadavg", cancellationToken)).Split(' ')[0];
            var cpu = (await host.ReadFileAsync("/proc/stat", cancellationToken)).Split('\n')[0]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList();
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
            return new HostLoad(double.Parse(load, CultureInfo.InvariantCulture), cpu.Count > 7 ? cpu[7] : 0, cpu.Take(8).Sum());
        }
        catch (Exception e) when (e is IOException or FormatException or Cli.ToolException)
        {
            return null;
        }
    }

    /// <summary>The noise between this reading and a later one, <paramref name="after"/>, on a host of <paramref name="cores"/> CPUs.</summary>
    public HostNoise To(HostLoad after, int cores)
    {
        var total = after.TotalTicks - TotalTicks;
        return new HostNoise(Load, after.Load, total > 0 ? 100.0 * (after.StealTicks - StealTicks) / total : 0, cores);
    }
}
