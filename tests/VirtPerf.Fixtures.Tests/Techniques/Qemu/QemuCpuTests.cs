using System.Globalization;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

public sealed class QemuCpuTests
{
    // Captured from /proc/PID/stat of a QEMU process and of a vhost worker (proc(5): utime and stime are fields 14, 15).
    private const string Qemu =
        "4242 (qemu-system-x86) S 4200 4242 4200 0 -1 4194560 28950 0 2 0 1234 567 0 0 20 0 5 0 9876543 1372737536 70213 18446744073709551615 1 1 0 0 0 0 0 4096 17635 0 0 0 17 1 0 0 0 0 0";
    private const string Vhost =
        "4250 (vhost-4242) S 2 0 0 0 -1 2129984 0 0 0 0 0 89 0 0 20 0 1 0 9876600 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 0 0 0 0 0 0";

    [Fact]
    public void Ticks_sum_user_and_system_time_over_every_stat_line()
    {
        QemuCpu.Ticks(Qemu + "\n" + Vhost + "\n").Should().Be(1234 + 567 + 89);
    }

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        QemuCpu.Ticks(Qemu.Replace("(qemu-system-x86)", "(a) b (c)", StringComparison.Ordinal)).Should().Be(1234 + 567);
    }

    [Fact]
    public void No_stat_lines_are_zero_ticks_and_a_line_that_is_not_one_is_an_error()
    {
        QemuCpu.Ticks("").Should().Be(0, "the process is gone");
        FluentActions.Invoking(() => QemuCpu.Ticks("cat: /proc/1/stat: Permission denied"))
            .Should().Throw<FormatException>().WithMessage("Not a proc(5) stat line: 'cat: /proc/1/stat: Permission denied'.");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task The_script_prints_a_live_processes_stat_line()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs /proc");
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        var run = await LocalSutHost.Instance.RunAsync("sh", ["-c", QemuCpu.Script, "sh", pid]);

        run.StandardOutput.Should().StartWith(pid + " (");
        QemuCpu.Ticks(run.StandardOutput).Should().BeGreaterThan(0, "this test process has used CPU");
    }
}
