using System.Diagnostics;
using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.PerfTests.Tests;

/// <summary>The real suite, killed with SIGKILL halfway: the next start removes everything it left.</summary>
public sealed class KilledRunTests
{
    [SkippableFact(Timeout = 300_000)]
    public async Task Everything_a_killed_run_left_is_removed_at_the_next_start()
    {
        Skip.If(!Privileges.HasNetAdmin(), "needs CAP_NET_ADMIN (run as root) to build the testbed");
        var cleanup = HostCleanup.Default;
        var before = cleanup.Registry.All().Select(r => r.RunId).ToHashSet();

        // DockerNat leaves the most behind: namespace, cable, Docker network, container, image, DOCKER-USER rules.
        await using var suite = ToolProcess.Start(
            "dotnet", ["test", Path.Combine(RepositoryRoot.Find(), "perf-tests"), "--no-build", "--filter", "Technique=DockerNat"]);
        var runId = await WaitForRunAsync(before, suite);
        Skip.If(runId is null, "no DockerNat container came up (no Docker engine here?)");

        foreach (var pid in DotnetProcessesUnder(suite.ProcessId))
        {
            Process.GetProcessById(pid).Kill(); // SIGKILL: no handler runs, nothing is disposed
        }

        await suite.StopAsync();
        (await LeftoversAsync(runId!)).Should().NotBeEmpty("a killed run cannot clean up after itself");

        var removed = await cleanup.RemoveLeftoversAsync();

        removed.Should().Contain(r => r.Contains(runId!, StringComparison.Ordinal));
        (await LeftoversAsync(runId!)).Should().BeEmpty();
        cleanup.Registry.Find(runId!).Should().BeNull();
    }

    /// <summary>The run the suite's own test host registered, once its container is up (another run's never counts).</summary>
    private static async Task<string?> WaitForRunAsync(HashSet<string> before, ToolProcess suite)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !suite.HasExited)
        {
            var ours = DotnetProcessesUnder(suite.ProcessId).ToHashSet();
            var containers = await DockerResources.Containers.ListAsync(default);
            var run = HostCleanup.Default.Registry.All().FirstOrDefault(r =>
                !before.Contains(r.RunId) && ours.Contains(r.Owner.Pid) && containers.Any(c => ResourceNames.RunIdOf(c) == r.RunId));
            if (run is not null)
            {
                return run.RunId;
            }

            await Task.Delay(500);
        }

        return null;
    }

    private static async Task<List<string>> LeftoversAsync(string runId)
    {
        var left = new List<string>();
        foreach (var kind in new IHostResources[]
        {
            DockerResources.Containers, DockerResources.Networks, DockerResources.Images, IptablesRules.DockerUser,
            IpResources.Namespaces, IpResources.Links,
        })
        {
            left.AddRange((await kind.ListAsync(default)).Where(n => ResourceNames.RunIdOf(n) == runId).Select(n => $"{kind.Kind} {n}"));
        }

        return left;
    }

    /// <summary>The dotnet processes at or below <paramref name="root"/> (dotnet test, vstest, the test host), from /proc.</summary>
    private static IEnumerable<int> DotnetProcessesUnder(int root)
    {
        var parents = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Stat: Stat(pid)))
            .Where(p => p.Stat is not null)
            .ToDictionary(p => p.Pid, p => p.Stat!.Value);
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value.Parent == tree[i]).Select(p => p.Key));
        }

        return tree.Where(pid => parents.TryGetValue(pid, out var stat) && stat.Name == "dotnet");
    }

    private static (string Name, int Parent)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            return (name, parent);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
