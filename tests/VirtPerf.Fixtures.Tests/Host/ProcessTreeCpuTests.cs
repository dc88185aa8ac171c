using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Tests.Host;

public sealed class ProcessTreeCpuTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("vnp-proc-").FullName;

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public void A_tree_counts_its_own_time_its_descendants_and_what_each_has_reaped_and_nothing_else()
    {
        // proc(5) stat: pid (comm) state ppid ... field 14 utime, 15 stime, 16 cutime, 17 cstime.
        Stat(100, "net server) (x", 1, utime: 10, stime: 5, cutime: 20, cstime: 1);
        Stat(101, "netserver", 100, utime: 3, stime: 2, cutime: 4, cstime: 0);
        Stat(102, "worker", 101, utime: 1, stime: 0, cutime: 0, cstime: 0);
        Stat(200, "bystander", 1, utime: 500, stime: 0, cutime: 0, cstime: 0);

        ProcessTreeCpu.Seconds([100], _proc).Should().BeApproximately((15 + 21 + 5 + 4 + 1) / 100.0, 1e-9);
        ProcessTreeCpu.Seconds([101], _proc).Should().BeApproximately((5 + 4 + 1) / 100.0, 1e-9);
        ProcessTreeCpu.Seconds([100, 101], _proc).Should().BeApproximately(0.46, 1e-9, "a process is counted once");
        ProcessTreeCpu.Seconds([999], _proc).Should().Be(0, "a process that is gone has nothing to count");
        ProcessTreeCpu.OwnSeconds(100, _proc).Should().BeApproximately(0.15, 1e-9, "its own time alone");
        ProcessTreeCpu.OwnSeconds(999, _proc).Should().Be(0);
        (ProcessTreeCpu.Parent(102, _proc), ProcessTreeCpu.Parent(999, _proc)).Should().Be((101, (int?)null));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_time_of_a_busy_child_stays_counted_after_it_exits_and_is_reaped()
    {
        // sh forks timeout(1), which forks md5sum: a busy grandchild for a second, then both are reaped by sh.
        await using var shell = ToolProcess.Start("sh", ["-c", "timeout 1 md5sum /dev/zero; sleep 20"]);
        await Task.Delay(500);
        var busy = ProcessTreeCpu.Seconds([shell.ProcessId]);
        for (var i = 0; i < 100 && Children(shell.ProcessId).Any(c => Comm(c) == "timeout"); i++)
        {
            await Task.Delay(100);
        }

        var reaped = ProcessTreeCpu.Seconds([shell.ProcessId]);

        busy.Should().BeGreaterThan(0, "md5sum was burning CPU under the shell");
        reaped.Should().BeGreaterThanOrEqualTo(busy, "the reaped children's time moved into the shell's cutime, not away");
    }

    private static IEnumerable<int> Children(int pid) =>
        File.Exists($"/proc/{pid}/task/{pid}/children")
            ? File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)
            : [];

    private static string Comm(int pid) => File.Exists($"/proc/{pid}/comm") ? File.ReadAllText($"/proc/{pid}/comm").Trim() : "";

    private void Stat(int pid, string comm, int parent, long utime, long stime, long cutime, long cstime)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        var middle = string.Join(' ', Enumerable.Repeat("0", 9)); // fields 5-13
        File.WriteAllText(Path.Combine(directory, "stat"), $"{pid} ({comm}) S {parent} {middle} {utime} {stime} {cutime} {cstime} 20 0 1 0 12345 0 0\n");
    }
}
