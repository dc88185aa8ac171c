using System.Globalization;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>CPU time of a QEMU process and its vhost-net workers as the SUT host accounts them: one small sh script
/// prints their proc(5) stat lines there, and the ticks are summed here.</summary>
public static class QemuCpu
{
    /// <summary>$1 QEMU's pid: its stat line, then those of its vhost workers, kernel threads named <c>vhost-PID</c>
    /// (drivers/vhost/vhost.c); nothing for a process that is gone.</summary>
    public const string Script = """
        cat "/proc/$1/stat" 2>/dev/null
        for c in $(grep -lx "vhost-$1" /proc/[0-9]*/comm 2>/dev/null); do cat "${c%comm}stat" 2>/dev/null; done
        true
        """;

    /// <summary>Clock ticks per second of proc(5)'s time fields: USER_HZ, 100 on Linux (sysconf(_SC_CLK_TCK)).</summary>
    public const double TicksPerSecond = 100.0;

    /// <summary>The sum of utime and stime (proc(5) fields 14 and 15) over <paramref name="statLines"/>, one stat file a
    /// line; fields are counted after the command name's last ')', which may itself hold spaces and parentheses.</summary>
    public static long Ticks(string statLines)
    {
        long ticks = 0;
        foreach (var line in statLines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var close = line.LastIndexOf(')');
            var fields = close < 0 || close + 2 > line.Length ? [] : line[(close + 2)..].Split(' ');
            if (fields.Length < 13)
            {
                throw new FormatException($"Not a proc(5) stat line: '{line}'.");
            }

            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return ticks;
    }
}
