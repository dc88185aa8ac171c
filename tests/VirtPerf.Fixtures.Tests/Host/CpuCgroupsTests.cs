using System.Diagnostics;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Host;

/// <summary>Where the cpu controller is found, and the cleanup of CPU quota cgroups: at a run's end, on Ctrl-C (the
/// same <see cref="HostCleanup.RemoveRunAsync"/>) and at the next start after a killed run.</summary>
[Collection(HostWideCollection.Name)]
public sealed class CpuCgroupsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-cgroups-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_cgroup_v1_cpu_hierarchy_is_chosen_over_a_cgroup2_mount_without_the_cpu_controller()
    {
        var cgroups = CpuCgroups.Locate(Mounts(
            $"cgroup2 {_directory} cgroup2 rw,relatime 0 0",
            "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0"));

        cgroups.Version.Should().Be(1);
        cgroups.Root.Should().Be("/sys/fs/cgroup/cpu,cpuacct");
        cgroups.Unavailable.Should().BeNull();
    }

    [Fact]
    public void A_cgroup2_mount_offering_the_cpu_controller_is_chosen_where_no_v1_cpu_hierarchy_is_mounted()
    {
        var root = Directory.CreateDirectory(Path.Combine(_directory, "with space")).FullName;
        File.WriteAllText(Path.Combine(root, "cgroup.controllers"), "cpuset cpu io memory pids\n");

        var cgroups = CpuCgroups.Locate(Mounts(
            "cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0",
            $"cgroup2 {root.Replace(" ", "\\040", StringComparison.Ordinal)} cgroup2 rw,nsdelegate 0 0"));

        cgroups.Version.Should().Be(2);
        cgroups.Root.Should().Be(root);
    }

    [Fact]
    public async Task Without_a_cpu_controller_a_quota_is_refused_with_the_reason_and_cleanup_finds_nothing()
    {
        File.WriteAllText(Path.Combine(_directory, "cgroup.controllers"), "memory pids\n");
        var cgroups = CpuCgroups.Locate(Mounts("proc /proc proc rw 0 0", $"cgroup2 {_directory} cgroup2 rw 0 0"));

        var create = () => CpuQuota.Create("1a2b3c", "sut", 0.2, cgroups);

        create.Should().Throw<CpuQuotaUnavailableException>()
            .WithMessage($"A CPU quota cannot be set here: no cgroup hierarchy offers the cpu controller (cgroup2 at {_directory} lists none*");
        CpuCgroups.Locate(Mounts("proc /proc proc rw 0 0")).Unavailable.Should().StartWith("no cgroup file system is mounted");
        (await cgroups.ListAsync(default)).Should().BeEmpty();
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task The_next_start_removes_the_cpu_quota_of_a_killed_run_and_releases_the_processes_inside()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var registry = TestRun.Cleanup.Registry;
        await using var owner = ToolProcess.Start("sleep", ["300"]);
        await using var held = ToolProcess.Start("sleep", ["300"]);
        var runId = ResourceNames.NewRunId();
        registry.Register(runId, ProcessIdentity.Of(owner.ProcessId));
        var quota = QuotaOrSkip(runId);
        quota.Add(held.ProcessId);
        Process.GetProcessById(owner.ProcessId).Kill(); // SIGKILL: the run never disposes its quota
        await owner.StopAsync();

        var removed = await TestRun.Cleanup.RemoveLeftoversAsync();

        removed.Should().Contain($"cpu cgroup {quota.Name}");
        Directory.Exists(quota.Directory).Should().BeFalse();
        held.HasExited.Should().BeFalse("a process the run did not record is released, not ended");
        File.ReadAllText($"/proc/{held.ProcessId}/cgroup").Should().NotContain(quota.Name);
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task Ending_a_run_as_on_ctrl_c_removes_its_cpu_quota_with_its_netserver_inside()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: true);
        var quota = QuotaOrSkip(run.RunId);
        quota.AddProcessTree(run.Netserver!.ProcessId);

        var removed = await TestRun.Cleanup.RemoveRunAsync(run.RunId);

        removed.Should().Contain($"cpu cgroup {quota.Name}");
        Directory.Exists(quota.Directory).Should().BeFalse();
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_cpu_quota_of_a_run_that_left_no_record_is_a_leftover()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var quota = QuotaOrSkip(ResourceNames.NewRunId());

        var removed = await TestRun.Cleanup.RemoveLeftoversAsync();

        removed.Should().Contain($"cpu cgroup {quota.Name}");
        (await CpuCgroups.Host.ListAsync(default)).Should().NotContain(quota.Name);
    }

    private string Mounts(params string[] lines)
    {
        var path = Path.Combine(_directory, "mounts");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static CpuQuota QuotaOrSkip(string runId)
    {
        try
        {
            return CpuQuota.Create(runId, "sut", 0.2);
        }
        catch (CpuQuotaUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }
}
