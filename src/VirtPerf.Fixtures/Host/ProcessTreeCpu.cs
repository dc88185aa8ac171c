using System.Globalization;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// CPU time of processes and all they fork, as this host accounts it (proc(5)): the utime and stime of each and of
/// its descendants still listed (running, or exited and not yet reaped), and the cutime and cstime of each, the time
/// of the descendants it has reaped (those it waited for: a parent that ignores SIGCHLD, as netserver does, gets
/// nothing, which is why the framework runs netserver with -f). What a bare-metal server costs, memcached's threads
/// included. Read straight from <c>/proc</c>, without moving the servers into a cgroup, which would change how the
/// scheduler shares the CPUs between them and everything else.
/// </summary>
public static class ProcessTreeCpu
{
    /// <summary>Clock ticks per second of proc(5)'s time fields: USER_HZ, 100 on Linux (sysconf(_SC_CLK_TCK)).</summary>
    public const double TicksPerSecond = 100.0;

    /// <summary>The CPU seconds used so far by <paramref name="roots"/> and their descendants, from the stat files
    /// under <paramref name="proc"/>.</summary>
    public static double Seconds(IReadOnlyCollection<int> roots, string proc = "/proc")
    {
        var tasks = new Dictionary<int, (int Parent, long Own, long Reaped)>();
        foreach (var directory in Directory.EnumerateDirectories(proc))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessIdentity.StatFields(Path.Combine(directory, "stat")) is { Length: > 14 } fields)
            {
                tasks[pid] = ((int)Field(fields, 4), Field(fields, 14) + Field(fields, 15), Field(fields, 16) + Field(fields, 17));
            }
        }

        var ticks = 0L;
        var counted = new HashSet<int>();
        var pending = new Queue<int>(roots.Where(tasks.ContainsKey));
        while (pending.TryDequeue(out var pid))
        {
            if (counted.Add(pid))
            {
                ticks += tasks[pid].Own + tasks[pid].Reaped;
                foreach (var child in tasks.Where(t => t.Value.Parent == pid).Select(t => t.Key))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The CPU seconds <paramref name="pid"/> itself has used so far, without its descendants or what it
    /// reaped; 0 when it is gone.</summary>
    public static double OwnSeconds(int pid, string proc = "/proc") =>
        Fields(pid, proc) is { Length: > 14 } fields ? (Field(fields, 14) + Field(fields, 15)) / TicksPerSecond : 0;

    /// <summary>The parent of <paramref name="pid"/>, or null when it is gone.</summary>
    public static int? Parent(int pid, string proc = "/proc") =>
        Fields(pid, proc) is { Length: > 1 } fields ? (int)Field(fields, 4) : null;

    private static string[]? Fields(int pid, string proc) =>
        ProcessIdentity.StatFields(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "stat"));

    // From field 3 (state) on: ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
    private static long Field(string[] fields, int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
}
