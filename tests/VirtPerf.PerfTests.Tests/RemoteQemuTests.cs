using CliWrap;
using CliWrap.Buffered;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.PerfTests.Tests;

/// <summary>
/// A QEMU row of the real suite on the two-host testbed: the lab host (its own network, mount and UTS namespaces,
/// sshd and a dockerd of its own, so its forwarding goes through DOCKER-USER like a real Docker host's) runs QEMU,
/// proved by the QEMU process's network namespace, seen while the row runs.
/// </summary>
public sealed class RemoteQemuTests : IAsyncLifetime
{
    private readonly string _runId = ResourceNames.NewRunId();
    private readonly string _output = Directory.CreateTempSubdirectory("vnp-remote-qemu-").FullName;
    private NamespaceSshHost? _lab;
    private string? _unavailable;

    public async Task InitializeAsync()
    {
        _unavailable = !Privileges.HasNetAdmin() ? "needs CAP_NET_ADMIN (run as root) to build the lab host"
            : NamespaceSshHost.Missing()
            ?? (Tool.IsInstalled("qemu-system-x86_64") ? null : "qemu-system-x86_64 is not installed: run scripts/setup.sh");
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

    [SkippableFact(Timeout = 540_000)]
    public async Task A_LinuxVirtio_row_runs_QEMU_on_the_remote_host_and_leaves_nothing_on_either_host()
    {
        Skip.If(_unavailable is not null, _unavailable);
        Directory.CreateDirectory(Path.Combine(_output, "baselines"));
        File.Copy(Path.Combine(RepositoryRoot.Find(), "baselines", "budgets.json"), Path.Combine(_output, "baselines", "budgets.json"));
        var seen = new HashSet<string>();
        var suite = Suite("Technique=LinuxVirtio&Scenario=TCP_RR").ExecuteBufferedAsync();
        while (!suite.Task.IsCompleted)
        {
            seen.UnionWith(await QemuInLabAsync());
            await Task.WhenAny(suite.Task, Task.Delay(1000));
        }

        var run = await suite;

        // No baseline was recorded for the lab pair: the row is measured and written, then skipped as not judged.
        run.StandardOutput.Should().MatchRegex(@"(Passed|Skipped) LinuxVirtio\.Netperf\(TCP_RR\)", "the row was measured:\n{0}", run.StandardOutput);
        run.StandardOutput.Should().NotContain("cannot run here");
        var measurement = MeasurementJson.Deserialize(File.ReadAllText(
            Directory.GetFiles(Path.Combine(_output, "results", "remote"), "LinuxVirtio.TCP_RR.json").Should().ContainSingle().Subject));
        measurement.Testbed.SutHost.Should().Be(_lab!.HostName);
        measurement.Context["qemuHost"].Should().Be($"{_lab.Target.Display} over SSH");
        measurement.Context["accelerator"].Should().BeOneOf("kvm", "tcg");
        measurement.Iterations.Should().OnlyContain(i => i.Metrics[Metric.SutHostCpu] > 0, "QEMU's CPU is read on the SUT host");
        seen.Should().Contain(c => c.Contains($"vnp-{measurement.RunId}-lvt", StringComparison.Ordinal),
            "QEMU ran in the lab host's network namespace, on the run's tap there");
        (await RemoteLeftoversAsync()).Should().BeEmpty();
        (await LocalLeftoversAsync()).Should().BeEmpty();
        (await ClientRoutes.Default.ListAsync(default)).Should().NotContain(n => n.Contains(measurement.RunId, StringComparison.Ordinal));
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {_lab.Address}");
    }

    [SkippableFact(Timeout = 420_000)]
    public async Task A_killed_QEMU_run_leaves_QEMU_its_links_and_a_route_that_the_next_start_removes()
    {
        Skip.If(_unavailable is not null, _unavailable);
        using var stop = new CancellationTokenSource();
        var output = new System.Text.StringBuilder();
        var suite = Suite("Technique=LinuxVirtio&Scenario=TCP_STREAM", iterations: "30")
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .ExecuteAsync(stop.Token);
        var up = new System.Text.RegularExpressions.Regex(@"\[VirtNetPerf ([0-9a-f]{6})\] LinuxVirtio up: ");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!up.IsMatch(output.ToString()) && DateTime.UtcNow < deadline && !suite.Task.IsCompleted)
        {
            await Task.Delay(200);
        }

        var killedRun = up.Match(output.ToString()).Groups[1].Value;
        killedRun.Should().NotBeEmpty("the suite came up:\n{0}", output);
        await stop.CancelAsync(); // CliWrap kills the process tree of the suite it started: no handler runs
        await Task.WhenAny(suite.Task, Task.Delay(10_000));
        (await QemuInLabAsync()).Should().Contain(c => c.Contains($"vnp-{killedRun}-lvt", StringComparison.Ordinal));
        (await RemoteLeftoversAsync()).Should().Contain($"network link on {_lab!.Target.Display} over SSH vnp-{killedRun}-lvt");
        (await ClientRoutes.Default.ListAsync(default)).Should().Contain($"vnp-{killedRun}-lvr");

        var next = await Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.StandardOutput.Should()
            .Contain($"removed leftover of a killed run: process on {_lab.Target.Display} vnp-{killedRun}-lvq").And
            .Contain($"removed leftover of a killed run: network link on {_lab.Target.Display} over SSH vnp-{killedRun}-lvt").And
            .Contain($"removed leftover of a killed run: route vnp-{killedRun}-lvr");
        (await QemuInLabAsync()).Should().BeEmpty();
        (await RemoteLeftoversAsync()).Should().BeEmpty();
        (await LocalLeftoversAsync()).Should().BeEmpty();
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {_lab.Address}");
    }

    /// <summary>The command lines of the QEMU processes in the lab host's network namespace now.</summary>
    private async Task<IEnumerable<string>> QemuInLabAsync()
    {
        var pids = await Tool.RunAsync("ip", ["netns", "pids", _lab!.Namespace], allowFailure: true);
        var found = new List<string>();
        foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                if (File.ReadAllText($"/proc/{pid}/comm").StartsWith("qemu-system", StringComparison.Ordinal))
                {
                    found.Add(File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '));
                }
            }
            catch (IOException)
            {
                // It ended meanwhile.
            }
        }

        return found;
    }

    /// <summary>What of the project is still on the lab host (its own cable aside): processes, containers, networks,
    /// images, firewall rules, links.</summary>
    private async Task<List<string>> RemoteLeftoversAsync()
    {
        var host = await RemoteSutHost.ConnectAsync(_lab!.Target);
        IHostResources[] kinds =
        [
            new RemoteProcesses(host), .. DockerResources.Of(DockerCli.On(host, NamespaceSshHost.DockerSocket)), new IptablesRules(host),
            IpResources.LinksOn(host),
        ];
        var left = new List<string>();
        foreach (var kind in kinds)
        {
            left.AddRange((await kind.ListAsync(default)).Where(n => ResourceNames.RunIdOf(n) != _runId).Select(n => $"{kind.Kind} {n}"));
        }

        return left;
    }

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

    private Command Suite(string filter, string iterations = "2") =>
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
            })
            .WithValidation(CommandResultValidation.None);
}
