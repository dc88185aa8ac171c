using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Host;

/// <summary>CPU quotas in the host's real cgroup hierarchy (v1 here, v2 where the host has it).</summary>
[Collection(HostWideCollection.Name)]
public sealed class CpuQuotaTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task A_busy_process_under_a_quota_is_throttled_and_goes_back_to_the_root_when_the_quota_is_disposed()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        await using var busy = ToolProcess.Start("md5sum", ["/dev/zero"]);
        var quota = QuotaOrSkip(run.RunId, 0.1);

        await using (quota)
        {
            quota.Add(busy.ProcessId);

            quota.Processes.Should().Equal(busy.ProcessId);
            File.ReadAllText($"/proc/{busy.ProcessId}/cgroup").Should().Contain($":/{quota.Name}\n");
            Limit(quota).Should().Be(CpuCgroups.Host.Version == 1 ? "10000" : "10000 100000");
            (await ThrottledAsync(quota)).Should().BeTrue("a process that wants a whole CPU exceeds a tenth of one");
        }

        Directory.Exists(quota.Directory).Should().BeFalse();
        File.ReadAllText($"/proc/{busy.ProcessId}/cgroup").Should().NotContain(quota.Name);
        busy.HasExited.Should().BeFalse("disposing a quota releases its processes, it does not end them");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_process_tree_moves_with_the_children_it_has_forked_already()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        await using var parent = ToolProcess.Start("timeout", ["300", "sleep", "300"]); // timeout(1) forks sleep
        var child = await ChildOfAsync(parent.ProcessId);
        await using var quota = QuotaOrSkip(run.RunId, 0.5);

        quota.AddProcessTree(parent.ProcessId);

        quota.Processes.Should().BeEquivalentTo([parent.ProcessId, child]);
    }

    [Fact]
    public void A_quota_below_the_kernels_smallest_is_refused_before_anything_is_created()
    {
        var create = () => CpuQuota.Create("1a2b3c", "sut", 0.001);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A CPU quota needs at least 0.01 CPUs (1000 us per 100000 us)*");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Removing_a_quota_that_still_holds_processes_moves_them_out_first()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        await using var sleeper = ToolProcess.Start("sleep", ["300"]);
        var quota = QuotaOrSkip(run.RunId, 0.2);
        quota.Add(sleeper.ProcessId);

        await CpuCgroups.Host.RemoveAsync(quota.Name, default);

        (await CpuCgroups.Host.ListAsync(default)).Should().NotContain(quota.Name);
        sleeper.HasExited.Should().BeFalse();
        await quota.DisposeAsync(); // already gone: not an error
    }

    private static CpuQuota QuotaOrSkip(string runId, double cpus)
    {
        try
        {
            return CpuQuota.Create(runId, "sut", cpus);
        }
        catch (CpuQuotaUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }

    private static string Limit(CpuQuota quota) =>
        File.ReadAllText(Path.Combine(quota.Directory, CpuCgroups.Host.Version == 1 ? "cpu.cfs_quota_us" : "cpu.max")).Trim();

    private static async Task<bool> ThrottledAsync(CpuQuota quota)
    {
        for (var wait = 0; wait < 50 && quota.ThrottledPeriods == 0; wait++)
        {
            await Task.Delay(100);
        }

        return quota.ThrottledPeriods > 0;
    }

    private static async Task<int> ChildOfAsync(int pid)
    {
        while (true)
        {
            var run = await Tool.RunAsync("pgrep", ["-P", pid.ToString(CultureInfo.InvariantCulture)], allowFailure: true);
            if (run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries) is [var child])
            {
                return int.Parse(child, CultureInfo.InvariantCulture);
            }

            await Task.Delay(20);
        }
    }
}
