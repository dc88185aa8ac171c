using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

/// <summary>The accelerator probe boots the technique's own guest, only when it must, and its answer is that guest's.</summary>
public sealed class AcceleratorsTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("vnp-accel-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [SkippableFact(Timeout = 30_000)]
    public async Task A_remembered_answer_for_the_guest_is_used_without_building_or_booting_anything()
    {
        Skip.If(Environment.GetEnvironmentVariable("VIRTPERF_ACCEL") is { Length: > 0 }, "VIRTPERF_ACCEL skips the probe here");
        await File.WriteAllTextAsync(Path.Combine(_state, "accelerator.osv"), "tcg\n");
        var built = 0;
        var probe = new AcceleratorProbe("osv", "Cmdline: ", (_, _) =>
        {
            built++;
            throw new InvalidOperationException("a remembered answer needs no guest");
        });

        var accelerator = await Accelerators.ChooseAsync(LocalSutHost.Instance, probe, "a1b2c3", new RunRegistry(_state));

        accelerator.Should().Be("tcg");
        built.Should().Be(0);
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_guest_that_does_not_boot_under_KVM_gets_TCG_remembered_for_that_guest_only()
    {
        Skip.If(Environment.GetEnvironmentVariable("VIRTPERF_ACCEL") is { Length: > 0 }, "VIRTPERF_ACCEL skips the probe here");
        Skip.IfNot(Tool.IsInstalled(QemuCommand.Executable), "qemu-system-x86_64 is not installed: run scripts/setup.sh");
        var booted = 0;
        var probe = new AcceleratorProbe("broken", "never printed", (_, _) =>
        {
            booted++;
            return Task.FromResult<GuestBoot>(new OSvBoot(Path.Combine(_state, "no.img"), Path.Combine(_state, "no.elf"), "/x")); // QEMU exits at once
        });

        var registry = new RunRegistry(_state);
        var runId = ResourceNames.NewRunId();
        registry.Register(runId);

        var accelerator = await Accelerators.ChooseAsync(LocalSutHost.Instance, probe, runId, registry);

        accelerator.Should().Be("tcg");
        booted.Should().Be(File.Exists("/dev/kvm") ? 1 : 0, "only a host with /dev/kvm is probed");
        (await File.ReadAllTextAsync(Path.Combine(_state, "accelerator.broken"))).Trim().Should().Be("tcg");
        File.Exists(Path.Combine(_state, "accelerator.linux")).Should().BeFalse("another guest's answer is its own");
    }
}
