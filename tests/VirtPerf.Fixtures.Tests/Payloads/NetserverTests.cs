using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Payloads;

public sealed class NetserverTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task Netserver_is_recorded_while_it_runs_and_gone_after_dispose()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var run = await TestRun.StartAsync(withNetserver: true);
        var netserver = ProcessIdentity.Of(run.Netserver!.ProcessId)!;

        TestRun.Cleanup.Registry.Find(run.RunId)!.Processes.Should().ContainSingle(p => p.Process == netserver)
            .Which.CommandLine.Should().Be($"netserver -D -4 -L {run.Testbed.HostAddress} -p 12865");

        await run.DisposeAsync();

        netserver.IsAlive.Should().BeFalse();
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_netserver_that_cannot_bind_fails_with_its_own_words()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: true);

        var second = () => VirtPerf.Fixtures.Payloads.Netserver.StartAsync(
            run.Testbed.HostAddress, 12865, run.RunId, TestRun.Cleanup.Registry);

        (await second.Should().ThrowAsync<VirtPerf.Cli.ToolException>())
            .WithMessage("The server exited before*command: netserver -D -4 -L*output:*");
    }
}
