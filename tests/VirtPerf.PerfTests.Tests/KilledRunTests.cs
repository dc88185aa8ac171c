using VirtPerf.Rows;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Rootless;

namespace VirtPerf.PerfTests.Tests;

/// <summary>The real suite, killed with SIGKILL halfway: the next start removes everything it left.</summary>
public sealed class KilledRunTests
{
    /// <summary>DockerNat leaves a namespace, a cable, a Docker network, container and image and DOCKER-USER rules;
    /// LinuxVirtio a QEMU process, a bridge and a tap; LinuxPasst a QEMU and a passt process and passt's socket folder;
    /// DockerMacvlan a macvlan network on the cable; GVisorHostNet a container whose runsc sandbox and gofer run outside
    /// dockerd; the rootless techniques a project user with its container, conmon, slirp4netns or pasta and Podman's
    /// pause process.</summary>
    [SkippableTheory(Timeout = 300_000)]
    [InlineData("DockerNat")]
    [InlineData("LinuxVirtio")]
    [InlineData("LinuxPasst")]
    [InlineData("DockerMacvlan")]
    [InlineData("GVisorHostNet")]
    [InlineData("RootlessSlirp")]
    [InlineData("RootlessPasta")]
    public async Task Everything_a_killed_run_left_is_removed_at_the_next_start(string technique)
    {
        Skip.If(!Privileges.HasNetAdmin(), "needs CAP_NET_ADMIN (run as root) to build the testbed");
        var cleanup = HostCleanup.Default;

        // Every process the suite starts inherits the mark, recorded or not, until it execs with an environment of its own.
        var mark = $"VIRTPERF_KILLED_RUN_TEST={Guid.NewGuid():N}";
        await using var suite = ToolProcess.Start(
            "env", [mark, "dotnet", "test", Path.Combine(RepositoryRoot.Find(), "perf-tests"), "--no-build", "--filter", $"Technique={technique}"]);
        var runId = await WaitForRunAsync(technique, suite);
        Skip.If(runId is null, $"{technique} did not come up here: {suite.Output}");
        var recorded = cleanup.Registry.Find(runId!)!.Processes.ToList();
        var containers = (await Tool.RunAsync("docker", ["ps", "-aq", "--no-trunc", "--filter", $"name={ResourceNames.Prefix}-{runId}-"], allowFailure: true))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var users = await RootlessUsersAsync(runId!);

        foreach (var (pid, _) in ProcessesMarked(mark).Where(p => p.Name == "dotnet"))
        {
            Process.GetProcessById(pid).Kill(); // SIGKILL: no handler runs, nothing is disposed
        }

        await suite.StopAsync();
        (await LeftoversAsync(runId!)).Should().NotBeEmpty("a killed run cannot clean up after itself");

        // The next start's sweep: ours, or one of a run another test class starts meanwhile (both are HostCleanup's).
        await cleanup.RemoveLeftoversAsync();

        (await LeftoversAsync(runId!)).Should().BeEmpty();
        recorded.Where(p => p.Process.IsAlive).Should().BeEmpty("the killed run's processes (QEMU, passt) are ended by their recorded pids");
        string[] started = technique switch
        {
            "LinuxVirtio" => ["qemu-system-x86_64"],
            "LinuxPasst" => ["qemu-system-x86_64", "passt"],
            _ => [],
        };
        foreach (var tool in started)
        {
            recorded.Should().Contain(p => p.CommandLine.StartsWith(tool + " ", StringComparison.Ordinal), $"the run recorded the {tool} process it started");
        }

        for (var waited = 0; waited < 30 && ProcessesMarked(mark).Count > 0; waited++)
        {
            await Task.Delay(500); // a load tool the run had running ends by itself within its bounded time
        }

        var marked = ProcessesMarked(mark);
        var survivors = marked.Select(p => $"{p.Pid} {string.Join(' ', ProcessIdentity.CommandLine(p.Pid))}").ToList();
        foreach (var (pid, _) in marked)
        {
            try
            {
                Process.GetProcessById(pid).Kill(); // ours by the mark: a failing check leaves nothing behind either
            }
            catch (ArgumentException)
            {
                // It ended between the listing and the kill.
            }
        }

        survivors.Should().BeEmpty("every process the killed suite started is gone, recorded or not (a server started but not yet recorded would outlive it)");
        ProcessesNaming(containers).Should().BeEmpty("a container's runtime processes (runsc's sandbox and gofer) end with it");
        cleanup.Registry.Find(runId!).Should().BeNull();
        Directory.GetFileSystemEntries(cleanup.Registry.Directory, $"{ResourceNames.Prefix}-{runId}-*").Should().BeEmpty("state files and folders go with the run");
        if (technique.StartsWith("Rootless", StringComparison.Ordinal))
        {
            users.Should().NotBeEmpty("the run made a user for its rootless container");
            users.SelectMany(u => u.Processes).Where(p => p.IsAlive).Should().BeEmpty("every process of the killed run's user is ended");
        }
    }

    /// <summary>The run's project users (uid and subordinate range from /etc/passwd and /etc/subuid) with the processes
    /// they run now (the container's servers, conmon, the forwarder).</summary>
    private static async Task<List<(string Name, List<ProcessIdentity> Processes)>> RootlessUsersAsync(string runId)
    {
        var users = new List<(string, List<ProcessIdentity>)>();
        foreach (var name in (await ProjectUsers.Default.ListAsync(default)).Where(n => ResourceNames.RunIdOf(n) == runId))
        {
            var uid = long.Parse((await Tool.RunAsync("id", ["-u", name])).StandardOutput.Trim(), CultureInfo.InvariantCulture);
            var range = SubordinateIds.Of(await File.ReadAllTextAsync(SubordinateIds.UidFile), name);
            var processes = UserProcesses.Of(id => id == uid || range?.Contains(id) == true).Select(ProcessIdentity.Of).OfType<ProcessIdentity>().ToList();
            processes.Should().NotBeEmpty($"{name} runs the container");
            users.Add((name, processes));
        }

        return users;
    }

    /// <summary>The run id the suite's own diagnostics name once the technique is up ("[VirtNetPerf RUNID] X up: ...").</summary>
    private static async Task<string?> WaitForRunAsync(string technique, ToolProcess suite)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var up = new Regex($@"\[VirtNetPerf ([0-9a-f]{{6}})\] {technique} up: ");
        while (DateTime.UtcNow < deadline && !suite.HasExited)
        {
            if (up.Match(suite.Output) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            await Task.Delay(500);
        }

        return null;
    }

    private static async Task<List<string>> LeftoversAsync(string runId)
    {
        var left = new List<string>();
        foreach (var kind in HostCleanup.Default.Resources)
        {
            left.AddRange((await kind.ListAsync(default)).Where(n => ResourceNames.RunIdOf(n) == runId).Select(n => $"{kind.Kind} {n}"));
        }

        return left;
    }

    /// <summary>The processes whose command line names one of <paramref name="ids"/>.</summary>
    private static List<string> ProcessesNaming(IReadOnlyCollection<string> ids) =>
        ids.Count == 0
            ? []
            : [.. VirtPerf.Fixtures.Techniques.Rootless.UserProcesses.Of(_ => true).Select(pid => (Pid: pid, CommandLine: string.Join(' ', ProcessIdentity.CommandLine(pid))))
                .Where(p => ids.Any(id => p.CommandLine.Contains(id, StringComparison.Ordinal))).Select(p => $"{p.Pid} {p.CommandLine}")];

    /// <summary>The live processes whose environment holds <paramref name="mark"/>, with their names, from /proc.</summary>
    private static List<(int Pid, string Name)> ProcessesMarked(string mark) =>
        [.. Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && EnvironmentOf(pid).Contains(mark) && ProcessIdentity.Of(pid) is not null)
            .Select(pid => (pid, CommandName(pid)))];

    private static string[] EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string CommandName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
