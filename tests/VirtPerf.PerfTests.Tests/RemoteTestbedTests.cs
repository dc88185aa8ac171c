using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.PerfTests.Tests;

/// <summary>
/// The real suite on the two-host testbed: the SUT host is a second "host" on this machine (its own network and UTS
/// namespaces, Debian's sshd), reached only over SSH. Its address exists in its namespace alone, so a row that
/// reaches netserver or memcached there proves they were started through SSH.
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
            _lab = await NamespaceSshHost.CreateAsync(_runId, HostCleanup.Default.Registry);
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

    private Task<RemoteSutHost> RemoteAsync() => RemoteSutHost.ConnectAsync(_lab!.Target);

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
