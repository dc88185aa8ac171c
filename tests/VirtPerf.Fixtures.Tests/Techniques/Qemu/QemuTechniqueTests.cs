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
        await using (var virtio = await TechniqueRun<LinuxVirtioFixture>.StartAsync(run => new LinuxVirtioFixture(run)))
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

        await using (var offload = await TechniqueRun<LinuxVirtioOffloadFixture>.StartAsync(run => new LinuxVirtioOffloadFixture(run)))
        {
            offload.Technique.StartupError.Should().BeNull();
            on = offload.Technique.OffloadState;
        }

        off.Should().Contain("tx-checksumming: off").And.Contain("tcp-segmentation-offload: off");
        on.Should().Contain("tx-checksumming: on").And.Contain("tcp-segmentation-offload: on");
        ProcessIdentity.Of(qemu).Should().BeNull("QEMU is stopped with its technique");
        (await IpResources.Links.ListAsync(default)).Should().NotContain(n => n.Contains(runId, StringComparison.Ordinal));
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
    public async Task Without_an_OSv_image_the_OSv_techniques_are_unavailable_and_say_how_to_build_one_for_each_suite()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(Environment.GetEnvironmentVariable("VIRTPERF_OSV_IMAGE") is { Length: > 0 }, "an OSv image is configured here");

        await using var osv = await TechniqueRun<OSvVirtioFixture>.StartAsync(run => new OSvVirtioFixture(run));

        osv.Technique.Unavailable.Should().StartWith("no OSv image: build one with OSv's own tools")
            .And.Contain("VIRTPERF_OSV_IMAGE").And.Contain("VIRTPERF_OSV_LOADER")
            .And.Contain("OSv runs one application: for the memcached suite, build the image from /usr/bin/memcached and "
                + "set VIRTPERF_OSV_COMMAND='/memcached -m 64 -c 1024 -t 2 -p 11211 -U 0 -u root'.");
    }
}
