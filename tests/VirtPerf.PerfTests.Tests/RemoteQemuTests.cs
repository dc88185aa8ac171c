using System.Text.RegularExpressions;
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
    private LabSuite _suite = null!;

    private NamespaceSshHost Lab => _suite.Lab;

    public async Task InitializeAsync() =>
        _suite = await LabSuite.StartAsync(Tool.IsInstalled("qemu-system-x86_64") ? null : "qemu-system-x86_64 is not installed: run scripts/setup.sh");

    public async Task DisposeAsync() => await _suite.DisposeAsync();

    [SkippableFact(Timeout = 540_000)]
    public async Task A_LinuxVirtio_row_runs_QEMU_on_the_remote_host_and_leaves_nothing_on_either_host()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        var seen = new HashSet<string>();
        var suite = _suite.Suite("Technique=LinuxVirtio&Scenario=TCP_RR").ExecuteBufferedAsync();
        while (!suite.Task.IsCompleted)
        {
            seen.UnionWith((await QemuInLabAsync()).Select(q => q.CommandLine));
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
        (await _suite.LocalLeftoversAsync([measurement.RunId])).Should().BeEmpty();
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
        (await QemuInLabAsync()).Should().Contain(q => q.CommandLine.Contains($"vnp-{killedRun}-lvt", StringComparison.Ordinal));
        (await _suite.RemoteLeftoversAsync()).Should().Contain($"network link on {Lab.Target.Display} over SSH vnp-{killedRun}-lvt");

        var next = await _suite.Suite("Technique=BareMetal&Scenario=TCP_RR").ExecuteBufferedAsync();

        next.StandardOutput.Should()
            .Contain($"removed leftover of a killed run: process on {Lab.Target.Display} vnp-{killedRun}-lvq").And
            .Contain($"removed leftover of a killed run: network link on {Lab.Target.Display} over SSH vnp-{killedRun}-lvt");
        (await QemuInLabAsync()).Should().BeEmpty();
        (await _suite.RemoteLeftoversAsync()).Should().BeEmpty();
        (await _suite.LocalLeftoversAsync([killedRun, .. LabSuite.RunIdsIn(next.StandardOutput)])).Should().BeEmpty();
        (await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput.Should().NotContain($"via {Lab.Address}");
    }

    [SkippableFact(Timeout = 420_000)]
    public async Task A_guest_whose_QEMU_dies_on_the_remote_host_fails_its_row_with_the_exit_and_the_next_row_at_once()
    {
        Skip.If(_suite.Unavailable is not null, _suite.Unavailable);
        var lines = new List<string>();
        string Output()
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }

        var suite = _suite.Suite("Technique=LinuxVirtio&(Scenario=TCP_RR|Scenario=UDP_RR)", iterations: "30")
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }))
            .ExecuteAsync();
        var measuring = new Regex(@"LinuxVirtio (TCP_RR|UDP_RR): pair 2 ");
        while (!suite.Task.IsCompleted && !measuring.IsMatch(Output()))
        {
            await Task.Delay(200);
        }

        measuring.IsMatch(Output()).Should().BeTrue("the row measured on the lab host:\n{0}", Output());
        var qemu = (await QemuInLabAsync()).Should().ContainSingle().Subject.Pid;
        System.Diagnostics.Process.GetProcessById(qemu).Kill(); // SIGKILL by its pid (the lab shares this machine's pid namespace)

        var run = await suite;

        var text = Output();
        run.ExitCode.Should().NotBe(0);
        var died = $"QEMU exited with status 255 (as ssh reports it: QEMU died of a signal, or the SSH connection broke) on {Lab.Target.Display} over SSH";
        text.Should().Contain($"LinuxVirtio's SUT stopped serving during the row: {died}")
            .And.Contain($"LinuxVirtio's SUT stopped serving in an earlier row: {died}")
            .And.Contain("VNP-READY", "the console's last lines are read on the remote host")
            .And.NotContain("did not finish within");
        (await _suite.RemoteLeftoversAsync()).Should().BeEmpty();
    }

    /// <summary>The command lines of the QEMU processes in the lab host's network namespace now.</summary>
    private async Task<IReadOnlyList<(int Pid, string CommandLine)>> QemuInLabAsync()
    {
        var pids = await Tool.RunAsync("ip", ["netns", "pids", Lab.Namespace], allowFailure: true);
        var found = new List<(int Pid, string CommandLine)>();
        foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                if (File.ReadAllText($"/proc/{pid}/comm").StartsWith("qemu-system", StringComparison.Ordinal))
                {
                    found.Add((int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')));
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
