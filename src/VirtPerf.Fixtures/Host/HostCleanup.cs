using System.Diagnostics;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// Removes what runs left on the host: the processes a run recorded (by id, checked against their start time) and
/// every resource whose name carries the run's id. Used at the end of a run, on Ctrl-C, and at the next start for
/// runs whose owner process is gone.
/// </summary>
public sealed class HostCleanup(RunRegistry registry, IReadOnlyList<IHostResources> resources)
{
    /// <summary>Cleanup over the default registry and every kind of resource the framework creates, in an order that
    /// frees each before what it depends on (containers before their networks and images, namespaces before links;
    /// CPU quota cgroups after the run's processes have ended; conntrack exemptions and traffic class rules before the links they name), the
    /// kinds only some techniques create first.</summary>
    public static HostCleanup Default { get; } = new(
        RunRegistry.Default,
        [
            .. Techniques.TechniqueCatalog.Resources, DockerResources.Containers, DockerResources.Networks, DockerResources.Images, IptablesRules.DockerUser,
            CpuCgroups.Host, ClientRoutes.Default, ConntrackExemptions.Raw, Testbeds.DataPortShaper.HostClassifiers, IpResources.Namespaces, IpResources.Links,
        ]);

    /// <summary>This cleanup with <paramref name="more"/> kinds of resource, removed first (a remote host's processes,
    /// say).</summary>
    public HostCleanup With(params IHostResources[] more) => new(registry, [.. more, .. resources]);

    /// <summary>The kinds of resource this cleanup removes, in order.</summary>
    public IReadOnlyList<IHostResources> Resources => resources;

    /// <summary>The registry whose runs this cleanup serves.</summary>
    public RunRegistry Registry => registry;

    /// <summary>Removes everything of runs whose owner is no longer alive (a killed run); returns what it removed.</summary>
    public async Task<IReadOnlyList<string>> RemoveLeftoversAsync(CancellationToken cancellationToken = default)
    {
        // One reading of the registry: a run that registers meanwhile (Register takes no lock) is not in it, and the
        // resource sweep asks the registry again, so neither its record nor its resources are taken for leftovers.
        using var hostLock = await registry.LockAsync(cancellationToken);
        var removed = new List<string>();
        foreach (var record in registry.All().Where(r => !r.Owner.IsAlive))
        {
            removed.AddRange(EndProcesses(record));
            registry.Remove(record.RunId);
        }

        // Resources of runs that left no record (or whose record was just removed) are leftovers too.
        removed.AddRange(await RemoveResourcesAsync(runId => registry.Find(runId) is not { Owner.IsAlive: true }, cancellationToken));
        return removed;
    }

    /// <summary>Removes everything of one run, ours, at its end or on a signal; returns what it removed.</summary>
    public async Task<IReadOnlyList<string>> RemoveRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var removed = new List<string>();
        if (registry.Find(runId) is { } record)
        {
            removed.AddRange(EndProcesses(record));
        }

        removed.AddRange(await RemoveResourcesAsync(id => id == runId, cancellationToken));
        registry.Remove(runId);
        return removed;
    }

    private async Task<IReadOnlyList<string>> RemoveResourcesAsync(Func<string, bool> owned, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var kind in resources)
        {
            foreach (var name in await kind.ListAsync(cancellationToken))
            {
                if (owned(ResourceNames.RunIdOf(name)!))
                {
                    await kind.RemoveAsync(name, cancellationToken);
                    removed.Add($"{kind.Kind} {name}");
                }
            }
        }

        return removed;
    }

    private static List<string> EndProcesses(RunRecord record)
    {
        var ended = new List<string>();
        foreach (var started in record.Processes.Where(p => p.Process.IsAlive))
        {
            try
            {
                using var process = Process.GetProcessById(started.Process.Pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (ArgumentException)
            {
                // It exited between the check and the kill.
            }

            ended.Add($"process {started.Process.Pid} ({started.CommandLine})");
        }

        return ended;
    }
}
