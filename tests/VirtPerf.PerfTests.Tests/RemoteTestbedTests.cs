using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
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
    private readonly string _runId = ResourceNames.NewRunId();
    private readonly string _output = Directory.CreateTempSubdirectory("vnp-remote-").FullName;
    private NamespaceSshHost? _lab;
    private string? _unavailable;

    public async Task InitializeAsync()
    {
        _unavailable = !Privileges.HasNetAdmin() ? "needs CAP_NET_ADMIN (run as root) to build the lab host"
            : NamespaceSshHost.Missing();
        if (_unavailable is null)
        {
            HostCleanup.Default.Registry.Register(_runId);
            _lab = await NamespaceSshHost.CreateAsync(_runId, HostCleanup.Default.Registry, docker: true);
        }
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
            await HostCleanup.Default.RemoveRunAsync(_runId);
        }

        Directory.Delete(_output, recursive: true);
    }

    [SkippableFact(Timeout = 300_000)]
    public async Task BareMetal_rows_run_on_the_remote_host_and_their_fingerprint_names_it()
    {
        Skip.If(_unavailable is not null, _unavailable);

        var run = await Suite("Technique=BareMetal&(Scenario=TCP_RR|Scenario=MemcachedRead)").ExecuteBufferedAsync();

        run.ExitCode.Should().Be(0, "both rows pass:\n{0}", run.StandardOutput);
        var measurements = Directory.GetFiles(Path.Combine(_output, "results", "remote"), "BareMetal.*.json")
            .Where(f => !f.EndsWith(".verdicts.json", StringComparison.Ordinal))
            .Select(f => MeasurementJson.Deserialize(File.ReadAllText(f)))
            .ToList();
        measurements.Select(m => m.Scenario.ToString()).Should().BeEquivalentTo(["TCP_RR", "MemcachedRead"]);
        measurements.Should().AllSatisfy(m =>
        {
            m.Testbed.Testbed.Should().Be(RemoteTestbed.RemoteKind);
            m.Testbed.SutHost.Should().Be(_lab!.HostName, "the SUT host's name comes from uname -n over SSH, in the lab's own UTS namespace");
            m.Testbed.Link.Should().StartWith("mtu ");
            m.Iterations.Should().OnlyContain(i => i.Metrics.Values.All(v => double.IsFinite(v)));
        });
        (await LocalLeftoversAsync()).Should().BeEmpty();
        (await (await RemoteAsync()).ProcessNamesAsync()).Should().BeEmpty("the run ended what it started on the SUT host");
    }

    [SkippableFact(Timeout = 300_000)]
    public async Task A_killed_run_leaves_processes_on_the_remote_host_that_the_next_start_ends()
    {
        Skip.If(_unavailable is not null, _unavailable);
        using var stop = new CancellationTokenSource();
        var output = new System.Text.StringBuilder();
        var suite = Suite("Technique=BareMetal&Scenario=TCP_STREAM", iterations: "30")
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .ExecuteAsync(stop.Token);
        var up = new Regex(@"\[VirtNetPerf ([0-9a-f]{6})\] BareMetal up: ");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!up.IsMatch(output.ToString()) && DateTime.UtcNow < deadline && !suite.Task.IsCompleted)
        {
            await Task.Delay(200);
        }

        var killedRun = up.Match(output.ToString()).Groups[1].Value;
        killedRun.Should().NotBeEmpty("the suite came up:\n{0}", output);
        await stop.CancelAsync(); // CliWrap kills the process tree of the suite it started: no handler runs
        await Task.WhenAny(suite.Task, Task.Delay(10_000));
        var remote = await RemoteAsync();
        (await remote.ProcessNamesAsync()).Should().Contain(n => ResourceNames.RunIdOf(n) == killedRun, "a killed run cannot clean up after itself");

        var next = await Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.ExitCode.Should().Be(0, next.StandardOutput);
        next.StandardOutput.Should().Contain($"removed leftover of a killed run: process on {_lab!.Target.Display} vnp-{killedRun}-");
        (await remote.ProcessNamesAsync()).Should().BeEmpty();
        (await LocalLeftoversAsync()).Should().BeEmpty();
    }

    [SkippableFact(Timeout = 420_000)]
    public async Task Docker_rows_run_in_the_remote_hosts_engine_and_leave_nothing_on_either_host()
    {
        Skip.If(_unavailable is not null, _unavailable);
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(_output, "baselines"));
        File.Copy(Path.Combine(RepositoryRoot.Find(), "baselines", "budgets.json"), Path.Combine(_output, "baselines", "budgets.json"));
        var baseline = await Suite("Technique=BareMetal&Scenario=TCP_RR", record: true).ExecuteBufferedAsync();
        baseline.ExitCode.Should().Be(0, "the bare-metal row records the baseline the container rows are gated against:\n{0}", baseline.StandardOutput);

        var run = await Suite("(Technique=DockerNat|Technique=DockerBridge)&Scenario=TCP_RR").ExecuteBufferedAsync();

        run.ExitCode.Should().Be(0, "both container rows pass:\n{0}", run.StandardOutput);
        run.StandardOutput.Should().Contain("Passed DockerNat.Netperf(TCP_RR)").And.Contain("Passed DockerBridge.Netperf(TCP_RR)");
        var measurements = Directory.GetFiles(Path.Combine(_output, "results", "remote"), "Docker*.TCP_RR.json")
            .Select(f => MeasurementJson.Deserialize(File.ReadAllText(f)))
            .ToList();
        measurements.Select(m => m.Technique).Should().BeEquivalentTo(["DockerNat", "DockerBridge"]);
        measurements.Should().AllSatisfy(m =>
        {
            m.Testbed.SutHost.Should().Be(_lab!.HostName);
            m.Context["dockerEngine"].Should().Be($"unix://{NamespaceSshHost.DockerSocket} on {_lab.Target.Display} over SSH");
            m.Iterations.Should().OnlyContain(i => i.Metrics[Metric.SutHostCpu] > 0, "the container's CPU is read on the SUT host");
        });
        var runId = measurements.Select(m => m.RunId).Distinct().Should().ContainSingle().Subject;
        var labEngine = await ContainersStartedAsync(since, DockerCli.On(await RemoteAsync(), NamespaceSshHost.DockerSocket));
        var localEngine = await ContainersStartedAsync(since, DockerCli.Local);
        labEngine.Should().Contain([$"vnp-{runId}-dntc", $"vnp-{runId}-dbrc"], "the containers ran in the lab's engine");
        localEngine.Should().NotContain(n => n.Contains(runId, StringComparison.Ordinal), "nothing of the run ran in this machine's engine");
        (await RemoteLeftoversAsync()).Should().BeEmpty();
        (await LocalLeftoversAsync()).Should().BeEmpty();
    }

    [SkippableFact(Timeout = 300_000)]
    public async Task A_killed_container_run_leaves_a_remote_container_and_a_route_that_the_next_start_removes()
    {
        Skip.If(_unavailable is not null, _unavailable);
        using var stop = new CancellationTokenSource();
        var output = new System.Text.StringBuilder();
        var suite = Suite("Technique=DockerBridge&Scenario=TCP_STREAM", iterations: "30")
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .ExecuteAsync(stop.Token);
        var up = new Regex(@"\[VirtNetPerf ([0-9a-f]{6})\] DockerBridge up: ");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!up.IsMatch(output.ToString()) && DateTime.UtcNow < deadline && !suite.Task.IsCompleted)
        {
            await Task.Delay(200);
        }

        var killedRun = up.Match(output.ToString()).Groups[1].Value;
        killedRun.Should().NotBeEmpty("the suite came up:\n{0}", output);
        // Checked while the run lives: once it is killed, any run's start on this machine may sweep its route first.
        (await ClientRoutes.Default.ListAsync(default)).Should().Contain($"vnp-{killedRun}-dbrr");
        await stop.CancelAsync(); // CliWrap kills the process tree of the suite it started: no handler runs
        await Task.WhenAny(suite.Task, Task.Delay(10_000));
        (await RemoteLeftoversAsync()).Should().Contain(n => n.Contains($"vnp-{killedRun}-dbrc", StringComparison.Ordinal));

        var next = await Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.ExitCode.Should().Be(0, next.StandardOutput);
        next.StandardOutput.Should()
            .Contain($"removed leftover of a killed run: docker container on {_lab!.Target.Display} over SSH vnp-{killedRun}-dbrc").And
            .Contain($"removed leftover of a killed run: iptables rule on {_lab.Target.Display} over SSH vnp-{killedRun}-dbrf");
        (await RemoteLeftoversAsync()).Should().BeEmpty();
        (await ClientRoutes.Default.ListAsync(default)).Should().NotContain(n => n.Contains(killedRun, StringComparison.Ordinal));
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {_lab.Address}");
        (await LocalLeftoversAsync()).Should().BeEmpty();
    }

    private Task<RemoteSutHost> RemoteAsync() => RemoteSutHost.ConnectAsync(_lab!.Target);

    /// <summary>The names of the containers an engine started since <paramref name="since"/> (its own event log).</summary>
    private static async Task<IReadOnlyList<string>> ContainersStartedAsync(string since, DockerCli docker)
    {
        var events = await docker.RunAsync(
            ["events", "--since", since, "--until", "0s", "--filter", "type=container", "--filter", "event=start", "--format", "{{.Actor.Attributes.name}}"]);
        return events.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>What of the project is still on the lab host: processes, containers, networks, images, firewall rules.</summary>
    private async Task<List<string>> RemoteLeftoversAsync()
    {
        var host = await RemoteAsync();
        IHostResources[] kinds =
            [new RemoteProcesses(host), .. DockerResources.Of(DockerCli.On(host, NamespaceSshHost.DockerSocket)), new IptablesRules(host)];
        var left = new List<string>();
        foreach (var kind in kinds)
        {
            left.AddRange((await kind.ListAsync(default)).Select(n => $"{kind.Kind} {n}"));
        }

        return left;
    }

    private Command Suite(string filter, string iterations = "2", bool record = false) =>
        CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["test", Path.Combine(RepositoryRoot.Find(), "perf-tests"), "--no-build", "--filter", filter,
                "--logger", "console;verbosity=detailed"])
            .WithEnvironmentVariables(e =>
            {
                foreach (var (name, value) in _lab!.Environment)
                {
                    e.Set(name, value);
                }

                e.Set("VIRTPERF_RESULTS_DIR", Path.Combine(_output, "results"))
                    .Set("VIRTPERF_BASELINES_DIR", Path.Combine(_output, "baselines"))
                    .Set("VIRTPERF_RUN_FOLDER", "remote")
                    .Set("VIRTPERF_ITERATIONS", iterations)
                    .Set("VIRTPERF_ITERATION_SECONDS", "1")
                    .Set("VIRTPERF_WARMUP_SECONDS", "0");
                if (record)
                {
                    e.Set("VIRTPERF_RECORD_BASELINE", "1").Set("VIRTPERF_REFERENCE_ITERATIONS", "3");
                }
            })
            .WithValidation(CommandResultValidation.None);

    /// <summary>Namespaces and links of runs other than the lab's own that are still on this machine.</summary>
    private async Task<List<string>> LocalLeftoversAsync()
    {
        var left = new List<string>();
        foreach (var kind in new IHostResources[] { IpResources.Namespaces, IpResources.Links })
        {
            left.AddRange((await kind.ListAsync(default))
                .Where(n => ResourceNames.RunIdOf(n) is { } id && id != _runId && HostCleanup.Default.Registry.Find(id) is null)
                .Select(n => $"{kind.Kind} {n}"));
        }

        return left;
    }
}
