using System.Globalization;
using System.Text;

namespace VirtPerf.Fixtures.Host;

/// <summary>The cgroup interface files: creating a limited cgroup, moving processes, reading what it holds.</summary>
public sealed partial class CpuCgroups
{
    /// <summary>Creates the cgroup <paramref name="name"/> limited to <paramref name="quotaMicroseconds"/> of CPU time
    /// per <paramref name="periodMicroseconds"/>; returns its directory.</summary>
    internal string Create(string name, long quotaMicroseconds, long periodMicroseconds)
    {
        var path = PathOf(name);
        if (Directory.Exists(path))
        {
            throw new InvalidOperationException($"The {Kind} {path} exists already: one quota per run and role.");
        }

        if (Version == 2)
        {
            EnableCpuController();
        }

        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CpuQuotaUnavailableException(
                $"the cgroup {path} cannot be created ({e.Message}): run as root on a host whose cgroup file system is writable "
                + "(in a container: --privileged or a delegated cgroup).", e);
        }

        try
        {
            var quota = quotaMicroseconds.ToString(CultureInfo.InvariantCulture);
            var period = periodMicroseconds.ToString(CultureInfo.InvariantCulture);
            if (Version == 1)
            {
                // Kernel doc scheduler/sched-bwc.rst: the quota is CPU time per period, in microseconds.
                Write(Path.Combine(path, "cpu.cfs_period_us"), period);
                Write(Path.Combine(path, "cpu.cfs_quota_us"), quota);
            }
            else
            {
                Write(Path.Combine(path, "cpu.max"), $"{quota} {period}"); // admin-guide/cgroup-v2.rst, "CPU Interface Files"
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Directory.Delete(path);
            throw new CpuQuotaUnavailableException($"the CPU limit of {path} cannot be set ({e.Message}).", e);
        }

        return path;
    }

    /// <summary>Moves the process <paramref name="pid"/> (all its threads) into the cgroup at <paramref name="path"/>.</summary>
    internal static void Move(string path, int pid)
    {
        try
        {
            Write(Path.Combine(path, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Could not move process {pid} into the cgroup {path}: {e.Message}", e);
        }
    }

    /// <summary>The processes in the cgroup at <paramref name="path"/>; none when it is gone.</summary>
    internal static IReadOnlyList<int> Processes(string path) =>
        Words(Path.Combine(path, "cgroup.procs")).Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList();

    /// <summary>How many periods the cgroup at <paramref name="path"/> has been throttled in (cpu.stat's nr_throttled,
    /// the same field in v1 and v2).</summary>
    internal static long ThrottledPeriods(string path)
    {
        var words = Words(Path.Combine(path, "cpu.stat"));
        var index = Array.IndexOf(words, "nr_throttled");
        return index >= 0 && index + 1 < words.Length ? long.Parse(words[index + 1], CultureInfo.InvariantCulture) : 0;
    }

    private static void TryMove(string path, int pid)
    {
        try
        {
            Move(path, pid);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile (ESRCH).
        }
    }

    // cgroup v2 gives a child the cpu controller only when its parent lists it in cgroup.subtree_control.
    private void EnableCpuController()
    {
        var control = Path.Combine(Root!, "cgroup.subtree_control");
        try
        {
            if (!Words(control).Contains("cpu"))
            {
                Write(control, "+cpu");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // admin-guide/cgroup-v2.rst, "No Internal Process Constraint": only the true root may hold processes itself.
            throw new CpuQuotaUnavailableException(
                $"cgroup v2 does not give the children of {Root} the cpu controller (writing +cpu to {control}: {e.Message}): run as "
                + "root where the cgroup root is mounted (a container's own cgroup holds processes, which forbids it).", e);
        }
    }

    // One write(2) of the whole value: a cgroup file takes one value per write.
    private static void Write(string file, string value)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(handle, Encoding.ASCII.GetBytes(value), 0);
    }

    private static string[] Words(string file)
    {
        try
        {
            return File.ReadAllText(file).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
