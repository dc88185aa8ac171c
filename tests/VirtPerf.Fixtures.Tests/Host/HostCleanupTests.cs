using System.Diagnostics;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Host;

[Collection(HostWideCollection.Name)]
public sealed class HostCleanupTests
{
    [SkippableFact(Timeout = 60_000)]
    public async Task The_next_start_removes_everything_of_a_run_whose_owner_was_killed()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var registry = TestRun.Cleanup.Registry;

        // A stand-in owner process holds a run with a testbed and a netserver, then dies by SIGKILL.
        await using var owner = ToolProcess.Start("sleep", ["300"]);
        var runId = ResourceNames.NewRunId();
        registry.Register(runId, ProcessIdentity.Of(owner.ProcessId));
        var testbed = await LocalTestbed.CreateAsync(runId, registry);
        await Netserver.StartAsync(testbed.HostAddress, Netserver.DefaultPort, runId, registry);
        var netserverPid = registry.Find(runId)!.Processes.Single().Process;
        Process.GetProcessById(owner.ProcessId).Kill();
        await owner.StopAsync();

        var removed = await TestRun.Cleanup.RemoveLeftoversAsync();

        removed.Should().Contain($"network namespace {testbed.ClientNamespace}")
            .And.Contain(r => r.StartsWith($"process {netserverPid.Pid} (netserver", StringComparison.Ordinal));
        netserverPid.IsAlive.Should().BeFalse();
        (await IpResources.Namespaces.ListAsync(default)).Should().NotContain(testbed.ClientNamespace);
        (await IpResources.Links.ListAsync(default)).Should().NotContain(testbed.HostLink);
        registry.Find(runId).Should().BeNull();
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_live_run_is_never_taken_for_a_leftover()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var live = await TestRun.StartAsync(withNetserver: true);

        var removed = await TestRun.Cleanup.RemoveLeftoversAsync();

        removed.Should().NotContain(r => r.Contains(live.RunId, StringComparison.Ordinal));
        (await IpResources.Namespaces.ListAsync(default)).Should().Contain(live.Testbed.ClientNamespace);
        ProcessIdentity.Of(live.Netserver!.ProcessId).Should().NotBeNull();
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Resources_of_a_run_that_left_no_record_are_leftovers()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var orphan = ResourceNames.For(ResourceNames.NewRunId(), "cli");
        await Tool.RunAsync("ip", ["netns", "add", orphan]);

        var removed = await TestRun.Cleanup.RemoveLeftoversAsync();

        removed.Should().Contain($"network namespace {orphan}");
        (await IpResources.Namespaces.ListAsync(default)).Should().NotContain(orphan);
    }
}
