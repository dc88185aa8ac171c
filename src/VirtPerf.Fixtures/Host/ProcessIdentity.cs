using System.Globalization;

namespace VirtPerf.Fixtures.Host;

/// <summary>A process id plus its start time, so a recycled pid is never mistaken for the process we started.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">Field 22 of /proc/PID/stat: start time in clock ticks after boot (proc(5)).</param>
public sealed record ProcessIdentity(int Pid, long StartTicks)
{
    /// <summary>The identity of a running process, or null when it does not exist or is a zombie (dead, not yet reaped).</summary>
    public static ProcessIdentity? Of(int pid)
    {
        // Field 3 is the state; Z (zombie) and X (dead) have exited, whatever their parent has not collected yet.
        var fields = StatFields($"/proc/{pid}/stat");
        return fields is null || fields[0] is "Z" or "X" ? null : new ProcessIdentity(pid, long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    /// <summary>The fields of a proc(5) stat file from field 3 (state) on, or null when the task is gone.
    /// The command name (field 2) may hold spaces and parentheses, so fields are counted after its closing ')'.</summary>
    internal static string[]? StatFields(string statFile)
    {
        try
        {
            var stat = File.ReadAllText(statFile);
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The arguments of process <paramref name="pid"/> from /proc/PID/cmdline (program first), or none when it
    /// is gone (or a kernel thread).</summary>
    public static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>This process.</summary>
    public static ProcessIdentity Current => Of(Environment.ProcessId)!;

    /// <summary>True while the very process this identity names is running.</summary>
    public bool IsAlive => Of(Pid) == this;
}
