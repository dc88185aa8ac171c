using CliWrap.Buffered;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.PerfTests.Tests;

/// <summary>
/// The real suite on the two-host testbed: the SUT host is a second "host" on this machine (its own network and UTS
/// namespaces, Debian's sshd and a dockerd of its own), reached only over SSH. Its address exists in its namespace
/// alone, so a row that reaches netserver or memcached there proves they were started through SSH; containers prove
/// it through the two engines' event logs.
/// </summary>
public sealed class RemoteTestbedTests : IAsyncLifetime
{
    private LabSuite _suite = null!;

    private NamespaceSshHost Lab => _suite.Lab;

    public async Task InitializeAsync() => _suite = await LabSuite.StartAsync();

    public async Task DisposeAsync() => await _suite.DisposeAsync();

    [SkippableFact(Timeout = 300_000)]
    public async Task BareMetal_rows_run_on_the_remote_host_and_their_fingerprint_names_it()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);

        var run = await _suite.Suite("Technique=BareMetal&(Scenario=TCP_RR|Scenario=MemcachedRead)").ExecuteBufferedAsync();

        run.ExitCode.Should().Be(0, "both rows pass:\n{0}", run.StandardOutput);
        var measurements = Directory.GetFiles(Path.Combine(_suite.Output, "results", "remote"), "BareMetal.*.json")
            .Where(f => !f.EndsWith(".verdicts.json", StringComparison.Ordinal))
            .Select(f => MeasurementJson.Deserialize(File.ReadAllText(f)))
            .ToList();
        measurements.Select(m => m.Scenario.ToString()).Should().BeEquivalentTo(["TCP_RR", "MemcachedRead"]);
        measurements.Should().AllSatisfy(m =>
        {
            m.Testbed.Testbed.Should().Be(RemoteTestbed.RemoteKind);
            m.Testbed.SutHost.Should().Be(Lab.HostName, "the SUT host's name comes from uname -n over SSH, in the lab's own UTS namespace");
            m.Testbed.Link.Should().StartWith("mtu ");
            m.Iterations.Should().OnlyContain(i => i.Metrics.Values.All(v => double.IsFinite(v)));
        });
        (await _suite.LocalLeftoversAsync(measurements.Select(m => m.RunId))).Should().BeEmpty();
        (await (await _suite.RemoteAsync()).ProcessNamesAsync()).Should().BeEmpty("the run ended what it started on the SUT host");
    }

    [SkippableFact(Timeout = 300_000)]
    public async Task A_killed_run_leaves_processes_on_the_remote_host_that_the_next_start_ends()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        var (killedRun, kill) = await _suite.StartUntilUpAsync("Technique=BareMetal&Scenario=TCP_STREAM", "BareMetal", TimeSpan.FromMinutes(2));
        await kill();
        var remote = await _suite.RemoteAsync();
        (await remote.ProcessNamesAsync()).Should().Contain(n => ResourceNames.RunIdOf(n) == killedRun, "a killed run cannot clean up after itself");

        var next = await _suite.Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.ExitCode.Should().Be(0, next.StandardOutput);
        next.StandardOutput.Should().Contain($"removed leftover of a killed run: process on {Lab.Target.Display} vnp-{killedRun}-");
        (await remote.ProcessNamesAsync()).Should().BeEmpty();
        (await _suite.LocalLeftoversAsync([killedRun, .. LabSuite.RunIdsIn(next.StandardOutput)])).Should().BeEmpty();
    }

    [SkippableFact(Timeout = 420_000)]
    public async Task Docker_rows_run_in_the_remote_hosts_engine_and_leave_nothing_on_either_host()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Paired: bare metal's servers run beside the containers on the lab host, so 6 pairs decide the budgets.
        var run = await _suite.Suite("(Technique=DockerNat|Technique=DockerBridge)&Scenario=TCP_RR", iterations: "6").ExecuteBufferedAsync();

        // Both rows are judged: within budget, or (on a machine too busy to decide in 6 pairs) undecided, claiming nothing.
        run.ExitCode.Should().Be(0, "no container row fails:\n{0}", run.StandardOutput);
        foreach (var technique in new[] { "DockerNat", "DockerBridge" })
        {
            // An undecided row is skipped; the console logger puts its reason after an "Error Message:" line.
            run.StandardOutput.Should().MatchRegex($@"(Passed {technique}\.Netperf\(TCP_RR\)|Skipped {technique}\.Netperf\(TCP_RR\)[^\n]*\n(\s+Error Message:\n)?\s+undecided: )");
        }

        var measurements = Directory.GetFiles(Path.Combine(_suite.Output, "results", "remote"), "Docker*.TCP_RR.json")
            .Select(f => MeasurementJson.Deserialize(File.ReadAllText(f)))
            .ToList();
        measurements.Select(m => m.Technique).Should().BeEquivalentTo(["DockerNat", "DockerBridge"]);
        measurements.Should().AllSatisfy(m =>
        {
            m.Testbed.SutHost.Should().Be(Lab.HostName);
            m.Context["dockerEngine"].Should().Be($"unix://{NamespaceSshHost.DockerSocket} on {Lab.Target.Display} over SSH");
            m.Iterations.Should().OnlyContain(i => i.Metrics[Metric.SutHostCpu] > 0, "the container's CPU is read on the SUT host");
        });
        Directory.GetFiles(Path.Combine(_suite.Output, "results", "remote"), "Docker*.TCP_RR.paired-baremetal.json")
            .Select(f => MeasurementJson.Deserialize(File.ReadAllText(f)))
            .Should().HaveCount(2).And.AllSatisfy(m => m.Testbed.SutHost.Should().Be(Lab.HostName, "bare metal ran beside them on the lab host"));
        var runId = measurements.Select(m => m.RunId).Distinct().Should().ContainSingle().Subject;
        var labEngine = await ContainersStartedAsync(since, DockerCli.On(await _suite.RemoteAsync(), NamespaceSshHost.DockerSocket));
        var localEngine = await ContainersStartedAsync(since, DockerCli.Local);
        labEngine.Should().Contain([$"vnp-{runId}-dntc", $"vnp-{runId}-dbrc"], "the containers ran in the lab's engine");
        localEngine.Should().NotContain(n => n.Contains(runId, StringComparison.Ordinal), "nothing of the run ran in this machine's engine");
        (await _suite.RemoteLeftoversAsync()).Should().BeEmpty();
        (await _suite.LocalLeftoversAsync([runId])).Should().BeEmpty();
    }

    [SkippableFact(Timeout = 300_000)]
    public async Task A_killed_container_run_leaves_a_remote_container_and_a_route_that_the_next_start_removes()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        var (killedRun, kill) = await _suite.StartUntilUpAsync("Technique=DockerBridge&Scenario=TCP_STREAM", "DockerBridge", TimeSpan.FromMinutes(3));
        // Checked while the run lives: once it is killed, any run's start on this machine may sweep its route first.
        (await ClientRoutes.Default.ListAsync(default)).Should().Contain($"vnp-{killedRun}-dbrr");
        await kill();
        (await _suite.RemoteLeftoversAsync()).Should().Contain(n => n.Contains($"vnp-{killedRun}-dbrc", StringComparison.Ordinal));

        var next = await _suite.Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.ExitCode.Should().Be(0, next.StandardOutput);
        next.StandardOutput.Should()
            .Contain($"removed leftover of a killed run: docker container on {Lab.Target.Display} over SSH vnp-{killedRun}-dbrc").And
            .Contain($"removed leftover of a killed run: iptables rule on {Lab.Target.Display} over SSH vnp-{killedRun}-dbrf");
        (await _suite.RemoteLeftoversAsync()).Should().BeEmpty();
        (await ClientRoutes.Default.ListAsync(default)).Should().NotContain(n => n.Contains(killedRun, StringComparison.Ordinal));
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {Lab.Address}");
        (await _suite.LocalLeftoversAsync([killedRun, .. LabSuite.RunIdsIn(next.StandardOutput)])).Should().BeEmpty();
    }

    /// <summary>The names of the containers an engine started since <paramref name="since"/> (its own event log).</summary>
    private static async Task<IReadOnlyList<string>> ContainersStartedAsync(string since, DockerCli docker)
    {
        var events = await docker.RunAsync(
            ["events", "--since", since, "--until", "0s", "--filter", "type=container", "--filter", "event=start", "--format", "{{.Actor.Attributes.name}}"]);
        return events.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
