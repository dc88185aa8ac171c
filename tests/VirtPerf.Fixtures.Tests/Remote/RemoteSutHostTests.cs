using System.Diagnostics;
using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

public sealed class RemoteSutHostTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task A_started_process_runs_on_the_other_host_and_is_gone_after_dispose()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);
        var name = ResourceNames.For(lab.RunId, "srv");

        var sleeper = remote.Start(lab.RunId, "srv", "sleep", ["300"], LabHost.Registry);
        var pid = await RemoteRecords.PidAsync(remote, name);

        (await Tool.RunAsync("ip", ["netns", "identify", pid.ToString(CultureInfo.InvariantCulture)])).StandardOutput.Trim()
            .Should().Be(lab.Host.Namespace);
        (await remote.ProcessNamesAsync()).Should().Equal(name);
        LabHost.Registry.Find(lab.RunId)!.Processes.Should().Contain(p => p.Process.Pid == sleeper.Process.ProcessId);

        await sleeper.DisposeAsync();

        ProcessIdentity.Of(pid).Should().BeNull();
        (await remote.ProcessNamesAsync()).Should().BeEmpty();
        LabHost.Registry.Find(lab.RunId)!.Processes.Should().NotContain(p => p.Process.Pid == sleeper.Process.ProcessId);
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_process_a_killed_run_left_on_the_other_host_is_ended_by_the_next_cleanup()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);
        // The killed run is on a registry of its own, so this sweep cannot take another test's run for a leftover.
        var registry = new RunRegistry(Directory.CreateTempSubdirectory("vnp-registry-").FullName);
        try
        {
            await using var owner = ToolProcess.Start("sleep", ["300"]);
            var runId = ResourceNames.NewRunId();
            registry.Register(runId, ProcessIdentity.Of(owner.ProcessId));
            _ = remote.Start(runId, "srv", "sleep", ["300"], registry); // never disposed: its run is killed
            var name = ResourceNames.For(runId, "srv");
            var pid = await RemoteRecords.PidAsync(remote, name);
            Process.GetProcessById(owner.ProcessId).Kill();
            await owner.StopAsync();

            var removed = await new HostCleanup(registry, [new RemoteProcesses(remote)]).RemoveLeftoversAsync();

            removed.Should().Contain($"process on {lab.Target.Display} {name}");
            ProcessIdentity.Of(pid).Should().BeNull();
            (await remote.ProcessNamesAsync()).Should().BeEmpty();
            registry.Find(runId).Should().BeNull();
        }
        finally
        {
            Directory.Delete(registry.Directory, recursive: true);
        }
    }
}
