using System.Diagnostics;
using System.Text.RegularExpressions;
using CliWrap;
using VirtPerf.Fixtures.Host;
using VirtPerf.Rows;

namespace VirtPerf.PerfTests.Tests;

/// <summary>
/// A guest that dies during a row, on the real suite: the LinuxVirtio guest's QEMU is killed by its pid while the first
/// of two rows measures. That row fails naming QEMU's exit and the console's last lines instead of waiting out
/// netperf's timeout, and the next row fails at once with the same cause instead of trying an unreachable SUT.
/// </summary>
[Collection(HostWideCollection.Name)]
public sealed class LostGuestTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("vnp-lost-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [SkippableFact(Timeout = 420_000)]
    public async Task A_guest_killed_mid_row_fails_that_row_with_QEMUs_exit_and_console_and_the_next_row_at_once()
    {
        Skip.If(!Privileges.HasNetAdmin(), "needs CAP_NET_ADMIN (run as root) to build the testbed");
        Skip.IfNot(VirtPerf.Cli.Tool.IsInstalled("qemu-system-x86_64"), "qemu-system-x86_64 is not installed: run scripts/setup.sh");
        var lines = new List<string>();
        string Output()
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }

        File.Copy(Path.Combine(RepositoryRoot.Find(), "baselines", "budgets.json"), Path.Combine(_output, "budgets.json"));
        var suite = CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["test", Path.Combine(RepositoryRoot.Find(), "perf-tests"), "--no-build",
                "--filter", "Technique=LinuxVirtio&(Scenario=TCP_RR|Scenario=UDP_RR)", "--logger", "console;verbosity=detailed"])
            .WithEnvironmentVariables(e => e
                .Set("VIRTPERF_RESULTS_DIR", _output)
                .Set("VIRTPERF_BASELINES_DIR", _output)
                .Set("VIRTPERF_ITERATIONS", "30") // 30 pairs: long enough that the kill lands inside the first row
                .Set("VIRTPERF_MAX_ITERATIONS", "30")
                .Set("VIRTPERF_ITERATION_SECONDS", "1")
                .Set("VIRTPERF_WARMUP_SECONDS", "0"))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync();

        var measuring = new Regex(@"\[VirtNetPerf ([0-9a-f]{6})\] LinuxVirtio (TCP_RR|UDP_RR): pair 2 ");
        while (!suite.Task.IsCompleted && !measuring.IsMatch(Output()))
        {
            await Task.Delay(200);
        }

        var match = measuring.Match(Output());
        Skip.IfNot(match.Success, $"LinuxVirtio did not come up here:\n{Output()}");
        var (runId, killedRow) = (match.Groups[1].Value, match.Groups[2].Value);
        var qemu = HostCleanup.Default.Registry.Find(runId)!.Processes.Single(p => p.CommandLine.StartsWith("qemu", StringComparison.Ordinal));
        Process.GetProcessById(Convert.ToInt32(qemu.Process.Pid)).Kill(); // SIGKILL, by the id the run recorded

        var run = await suite;

        var text = Output();
        var otherRow = killedRow == "TCP_RR" ? "UDP_RR" : "TCP_RR";
        run.ExitCode.Should().NotBe(0);
        text.Should().Contain($"Failed LinuxVirtio.Netperf({killedRow})").And.Contain($"Failed LinuxVirtio.Netperf({otherRow})");
        var died = $"QEMU exited with status 137 (killed by signal 9, SIGKILL) on this host (QEMU pid {qemu.Process.Pid} there).";
        text.Should().Contain($"LinuxVirtio's SUT stopped serving during the row: {died}", "the row measuring when QEMU died names its exit")
            .And.Contain($"LinuxVirtio's SUT stopped serving in an earlier row: {died}", "the next row fails with the same cause")
            .And.Contain("VNP-READY", "the console's last lines come with the cause")
            .And.NotContain("did not finish within", "the row ends with QEMU, not with netperf's timeout")
            .And.NotContain("is not reachable", "the next row does not try the dead guest");
        Regex.Matches(text, @"\] LinuxVirtio (TCP_RR|UDP_RR): pair \d+ ").Count.Should().BeLessThan(30, "the killed row stopped measuring");
    }
}
