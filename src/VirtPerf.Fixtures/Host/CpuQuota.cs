using System.Globalization;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// A CPU limit on SUT processes: a cgroup of the run (<c>vnp-RUNID-ROLE</c>) that may use a fraction of one CPU per
/// scheduling period (0.2 = 20 ms per 100 ms), holding the processes moved into it and every child they fork later.
/// Disposing moves whatever is still inside back to the root and removes the cgroup; a killed run's cgroup is removed
/// at the next start by <see cref="HostCleanup"/>.
/// </summary>
public sealed class CpuQuota : IAsyncDisposable
{
    /// <summary>The scheduling period, the kernel's default CFS period (kernel doc scheduler/sched-bwc.rst).</summary>
    public const int PeriodMicroseconds = 100_000;

    /// <summary>The smallest quota the kernel accepts per period (sched-bwc.rst: 1 ms).</summary>
    public const int MinimumQuotaMicroseconds = 1_000;

    private readonly CpuCgroups _cgroups;

    private CpuQuota(CpuCgroups cgroups, string name, double cpus, string directory)
    {
        _cgroups = cgroups;
        Name = name;
        Cpus = cpus;
        Directory = directory;
    }

    /// <summary>The cgroup's name, a project resource name.</summary>
    public string Name { get; }

    /// <summary>The limit, in CPUs (0.2 = a fifth of one CPU).</summary>
    public double Cpus { get; }

    /// <summary>The cgroup's directory.</summary>
    public string Directory { get; }

    /// <summary>The processes inside now (forked children included).</summary>
    public IReadOnlyList<int> Processes => CpuCgroups.Processes(Directory);

    /// <summary>How many periods the processes inside have been throttled in: above 0 once the quota has bitten.</summary>
    public long ThrottledPeriods => CpuCgroups.ThrottledPeriods(Directory);

    /// <summary>Creates the cgroup <c>vnp-RUNID-ROLE</c> for <paramref name="runId"/>, limited to
    /// <paramref name="cpus"/> CPUs, in <paramref name="cgroups"/> (by default the host's); throws
    /// <see cref="CpuQuotaUnavailableException"/> saying why when this host cannot have one.</summary>
    public static CpuQuota Create(string runId, string role, double cpus, CpuCgroups? cgroups = null)
    {
        var quota = double.IsFinite(cpus) ? Math.Round(cpus * PeriodMicroseconds) : 0;
        if (quota < MinimumQuotaMicroseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(cpus), cpus, string.Create(CultureInfo.InvariantCulture,
                    $"A CPU quota needs at least {(double)MinimumQuotaMicroseconds / PeriodMicroseconds} CPUs ({MinimumQuotaMicroseconds} us per {PeriodMicroseconds} us)."));
        }

        cgroups ??= CpuCgroups.Host;
        if (cgroups.Unavailable is { } reason)
        {
            throw new CpuQuotaUnavailableException(reason);
        }

        var name = ResourceNames.For(runId, role);
        return new CpuQuota(cgroups, name, cpus, cgroups.Create(name, (long)quota, PeriodMicroseconds));
    }

    /// <summary>Moves the process <paramref name="pid"/> (with all its threads) under the quota; children it forks
    /// from now on start inside too.</summary>
    public void Add(int pid) => CpuCgroups.Move(Directory, pid);

    /// <summary>Moves <paramref name="pid"/> and every descendant it has now under the quota (a server that forks a
    /// child per connection, like netserver, is covered from then on).</summary>
    public void AddProcessTree(int pid)
    {
        // The parent first: whatever it forks from now on is born inside, so the descendants listed after it are all.
        Add(pid);
        foreach (var child in Descendants(pid))
        {
            try
            {
                Add(child);
            }
            catch (InvalidOperationException) when (ProcessIdentity.Of(child) is null)
            {
                // It ended between listing and moving.
            }
        }
    }

    /// <summary>Moves whatever is still inside back to the root and removes the cgroup.</summary>
    public async ValueTask DisposeAsync() => await _cgroups.RemoveAsync(Name, CancellationToken.None);

    private static List<int> Descendants(int pid)
    {
        // proc(5): field 4 of /proc/PID/stat is the parent's pid (index 1 from field 3 on).
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var process)
                && ProcessIdentity.StatFields(Path.Combine(directory, "stat")) is { Length: > 1 } fields)
            {
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                (parents.TryGetValue(parent, out var children) ? children : parents[parent] = []).Add(process);
            }
        }

        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var child in parents.GetValueOrDefault(next) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }
}
