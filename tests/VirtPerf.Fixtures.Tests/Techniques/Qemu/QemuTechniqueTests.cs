using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

/// <summary>The hypervisor techniques with real QEMU guests (TCG here).</summary>
[Collection(HostWideCollection.Name)]
public sealed class QemuTechniqueTests
{
    [SkippableFact(Timeout = 600_000)]
    public async Task LinuxVirtio_serves_memcached_its_offload_state_differs_from_LinuxVirtioOffload_and_nothing_is_left()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.IfNot(Tool.IsInstalled(QemuCommand.Executable), "qemu-system-x86_64 is not installed: run scripts/setup.sh");
        string off, on, runId;
        int qemu;
        bool lostAfterStop;
        var virtio = await TechniqueRun<LinuxVirtioFixture>.StartAsync(run => new LinuxVirtioFixture(run));
        await using (virtio)
        {
            virtio.Technique.StartupError.Should().BeNull();
            virtio.Technique.Unavailable.Should().BeNull();
            off = virtio.Technique.OffloadState;
            runId = virtio.Run.RunId;
            qemu = Convert.ToInt32(virtio.Run.Registry.Find(runId)!.Processes.Single(p => p.CommandLine.StartsWith("qemu", StringComparison.Ordinal)).Process.Pid);
            virtio.Technique.SutHostCpu!.Seconds().Should().BeGreaterThan(0, "booting a guest under TCG costs QEMU CPU time");
            virtio.Technique.Endpoint!.MemcachedPort.Should().Be(11211);
            await MemcachedProbe.ShouldServeAsync(
                virtio.Technique.Endpoint, threads: int.Parse(virtio.Technique.Context["vcpus"], CultureInfo.InvariantCulture));
        }

        lostAfterStop = virtio.Technique.Lost.IsCancellationRequested || virtio.Technique.LostReason is not null;
        await using (var offload = await TechniqueRun<LinuxVirtioOffloadFixture>.StartAsync(run => new LinuxVirtioOffloadFixture(run)))
        {
            offload.Technique.StartupError.Should().BeNull();
            on = offload.Technique.OffloadState;
        }

        lostAfterStop.Should().BeFalse("a guest stopped on purpose is not lost");
        off.Should().Contain("tx-checksumming: off").And.Contain("tcp-segmentation-offload: off");
        on.Should().Contain("tx-checksumming: on").And.Contain("tcp-segmentation-offload: on");
        ProcessIdentity.Of(qemu).Should().BeNull("QEMU is stopped with its technique");
        (await IpResources.Links.ListAsync(default)).Should().NotContain(n => n.Contains(runId, StringComparison.Ordinal));
    }

    [SkippableFact(Timeout = 600_000)]
    public async Task A_guest_whose_QEMU_is_killed_is_lost_at_once_with_the_exit_status_the_host_and_the_console_tail()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.IfNot(Tool.IsInstalled(QemuCommand.Executable), "qemu-system-x86_64 is not installed: run scripts/setup.sh");
        await using var virtio = await TechniqueRun<LinuxVirtioFixture>.StartAsync(run => new LinuxVirtioFixture(run));
        virtio.Technique.StartupError.Should().BeNull();
        virtio.Technique.Lost.IsCancellationRequested.Should().BeFalse("the guest serves");
        virtio.Technique.LostReason.Should().BeNull();
        var qemu = Convert.ToInt32(virtio.Run.Registry.Find(virtio.Run.RunId)!.Processes.Single(p => p.CommandLine.StartsWith("qemu", StringComparison.Ordinal)).Process.Pid);
        var lost = new TaskCompletionSource();
        using var registration = virtio.Technique.Lost.Register(lost.SetResult);

        System.Diagnostics.Process.GetProcessById(qemu).Kill(); // SIGKILL, by the id the run recorded

        (await Task.WhenAny(lost.Task, Task.Delay(TimeSpan.FromMinutes(2)))).Should().Be(lost.Task, "the fixture watches its QEMU");
        virtio.Technique.LostReason.Should()
            .StartWith($"QEMU exited with status 137 (killed by signal 9, SIGKILL) on this host (QEMU pid {qemu} there). The guest's console (")
            .And.Contain(GuestInit.ReadyMarker, "the console's last lines come with it");
    }

    [SkippableFact(Timeout = 120_000)]
    public async Task Without_vhost_net_the_vhost_techniques_are_unavailable_and_say_why()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(File.Exists("/dev/vhost-net"), "this host has vhost-net: the vhost techniques run here");

        await using var vhost = await TechniqueRun<LinuxVhostFixture>.StartAsync(run => new LinuxVhostFixture(run));

        vhost.Technique.Unavailable.Should().StartWith("no /dev/vhost-net");
    }

    [SkippableFact(Timeout = 120_000)]
    public async Task Without_an_OSv_image_the_OSv_techniques_are_unavailable_and_say_what_an_image_needs()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(Environment.GetEnvironmentVariable("VIRTPERF_OSV_IMAGE") is { Length: > 0 }, "an OSv image is configured here");

        await using var osv = await TechniqueRun<OSvVirtioFixture>.StartAsync(run => new OSvVirtioFixture(run));

        osv.Technique.Unavailable.Should().StartWith("no OSv image (VIRTPERF_OSV_IMAGE='', VIRTPERF_OSV_LOADER=''): build one with OSv's own tools")
            .And.Contain("/usr/bin/netserver as /netserver and /usr/bin/memcached as /memcached")
            .And.Contain("build/release/usr.img").And.Contain("build/release/loader-stripped.elf")
            .And.EndWith("README, \"OSv images\".");
        osv.Technique.Lost.IsCancellationRequested.Should().BeFalse("a technique that never started is not lost");
    }
}
