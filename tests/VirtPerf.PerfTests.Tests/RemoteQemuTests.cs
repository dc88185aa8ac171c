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
    private LabSuite _suite = null!;

    private NamespaceSshHost Lab => _suite.Lab;

    public async Task InitializeAsync() =>
        _suite = await LabSuite.StartAsync(Tool.IsInstalled("qemu-system-x86_64") ? null : "qemu-system-x86_64 is not installed: run scripts/setup.sh");

    public async Task DisposeAsync() => await _suite.DisposeAsync();

    [SkippableFact(Timeout = 540_000)]
    public async Task A_LinuxVirtio_row_runs_QEMU_on_the_remote_host_and_leaves_nothing_on_either_host()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        _suite.CopyBudgets();
        var seen = new HashSet<string>();
        var suite = _suite.Suite("Technique=LinuxVirtio&Scenario=TCP_RR").ExecuteBufferedAsync();
        while (!suite.Task.IsCompleted)
        {
            seen.UnionWith(await QemuInLabAsync());
            await Task.WhenAny(suite.Task, Task.Delay(1000));
        }

        var run = await suite;

        // Two pairs decide nothing under TCG's noise: the row is measured and written, then skipped as undecided, or passes.
        run.StandardOutput.Should().MatchRegex(@"(Passed|Skipped) LinuxVirtio\.Netperf\(TCP_RR\)", "the row was measured:\n{0}", run.StandardOutput);
        run.StandardOutput.Should().NotContain("cannot run here");
        var measurement = MeasurementJson.Deserialize(File.ReadAllText(
            Directory.GetFiles(Path.Combine(_suite.Output, "results", "remote"), "LinuxVirtio.TCP_RR.json").Should().ContainSingle().Subject));
        measurement.Testbed.SutHost.Should().Be(Lab.HostName);
        measurement.Context["qemuHost"].Should().Be($"{Lab.Target.Display} over SSH");
        measurement.Context["accelerator"].Should().BeOneOf("kvm", "tcg");
        measurement.Iterations.Should().OnlyContain(i => i.Metrics[Metric.SutHostCpu] > 0, "QEMU's CPU is read on the SUT host");
        seen.Should().Contain(c => c.Contains($"vnp-{measurement.RunId}-lvt", StringComparison.Ordinal),
            "QEMU ran in the lab host's network namespace, on the run's tap there");
        (await _suite.RemoteLeftoversAsync()).Should().BeEmpty();
        (await _suite.LocalLeftoversAsync()).Should().BeEmpty();
        (await ClientRoutes.Default.ListAsync(default)).Should().NotContain(n => n.Contains(measurement.RunId, StringComparison.Ordinal));
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {Lab.Address}");
    }

    [SkippableFact(Timeout = 420_000)]
    public async Task A_killed_QEMU_run_leaves_QEMU_its_links_and_a_route_that_the_next_start_removes()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        var (killedRun, kill) = await _suite.StartUntilUpAsync("Technique=LinuxVirtio&Scenario=TCP_STREAM", "LinuxVirtio", TimeSpan.FromMinutes(4));
        // Checked while the run lives: once it is killed, any run's start on this machine may sweep its route first.
        (await ClientRoutes.Default.ListAsync(default)).Should().Contain($"vnp-{killedRun}-lvr");
        await kill();
        (await QemuInLabAsync()).Should().Contain(c => c.Contains($"vnp-{killedRun}-lvt", StringComparison.Ordinal));
        (await _suite.RemoteLeftoversAsync()).Should().Contain($"network link on {Lab.Target.Display} over SSH vnp-{killedRun}-lvt");

        var next = await _suite.Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.StandardOutput.Should()
            .Contain($"removed leftover of a killed run: process on {Lab.Target.Display} vnp-{killedRun}-lvq").And
            .Contain($"removed leftover of a killed run: network link on {Lab.Target.Display} over SSH vnp-{killedRun}-lvt");
        (await QemuInLabAsync()).Should().BeEmpty();
        (await _suite.RemoteLeftoversAsync()).Should().BeEmpty();
        (await _suite.LocalLeftoversAsync()).Should().BeEmpty();
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {Lab.Address}");
    }

    /// <summary>The command lines of the QEMU processes in the lab host's network namespace now.</summary>
    private async Task<IEnumerable<string>> QemuInLabAsync()
    {
        var pids = await Tool.RunAsync("ip", ["netns", "pids", Lab.Namespace], allowFailure: true);
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
}
