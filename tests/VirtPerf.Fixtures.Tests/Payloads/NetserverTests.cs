using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
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
            .Which.CommandLine.Should().Be($"netserver -D -4 -f -L {run.Testbed.HostAddress} -p 12865");

        await run.DisposeAsync();

        netserver.IsAlive.Should().BeFalse();
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_netserver_that_cannot_start_fails_with_its_command_and_its_own_words()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        // The client's end of our own cable: the host cannot bind it, and probes of it stay on the cable.
        var notOnThisHost = run.Testbed.ClientAddress;

        var start = () => Netserver.StartAsync(notOnThisHost, Netserver.DefaultPort, run.RunId, TestRun.Cleanup.Registry);

        (await start.Should().ThrowAsync<ToolException>())
            .WithMessage($"The server exited before {notOnThisHost}:12865 accepted connections.*command: netserver -D -4 -f -L {notOnThisHost}*output:*Unable to start netserver with*'{notOnThisHost}' port '12865'*");
        TestRun.Cleanup.Registry.Find(run.RunId)!.Processes.Should().BeEmpty("a failed start forgets its process");
    }
}
