using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// Chooses QEMU's accelerator: KVM only when a guest really boots under it (on a nested, PVM-based host /dev/kvm exists
/// but a standard kernel hangs), else TCG. <c>VIRTPERF_ACCEL</c> (kvm or tcg) skips the probe; its result is kept in
/// the state directory until the host reboots.
/// </summary>
public static class Accelerators
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>kvm or tcg.</summary>
    public static async Task<string> ChooseAsync(GuestImage image, string runId, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable("VIRTPERF_ACCEL") is { Length: > 0 } chosen)
        {
            return chosen is "kvm" or "tcg"
                ? chosen
                : throw new ArgumentException($"VIRTPERF_ACCEL='{chosen}' must be kvm or tcg.");
        }

        var remembered = Path.Combine(registry.Directory, "accelerator");
        if (File.Exists(remembered))
        {
            return (await File.ReadAllTextAsync(remembered, cancellationToken)).Trim();
        }

        var accelerator = File.Exists("/dev/kvm") && await BootsUnderKvmAsync(image, runId, registry, cancellationToken) ? "kvm" : "tcg";
        await File.WriteAllTextAsync(remembered, accelerator, cancellationToken);
        return accelerator;
    }

    private static async Task<bool> BootsUnderKvmAsync(GuestImage image, string runId, RunRegistry registry, CancellationToken cancellationToken)
    {
        var console = registry.StateFile(runId, "kvmp", "console");
        var machine = new QemuMachine
        {
            Accelerator = "kvm", Vcpus = 1, MemoryMiB = 256, Tap = null, Mac = "", Vhost = false, Offload = true,
            ConsoleLog = console, Boot = new LinuxBoot(image, "198.18.255.2/24", "198.18.255.1"),
        };
        var process = Cli.ToolProcess.Start(QemuCommand.Executable, QemuCommand.Arguments(machine));
        registry.AddProcess(runId, process);

        try
        {
            var deadline = DateTime.UtcNow + ProbeTimeout;
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (File.Exists(console) && (await File.ReadAllTextAsync(console, cancellationToken)).Contains(GuestInit.ReadyMarker, StringComparison.Ordinal))
                {
                    return true;
                }

                await Task.Delay(200, cancellationToken);
            }

            return false;
        }
        finally
        {
            await process.DisposeAsync();
            registry.RemoveProcess(runId, process.ProcessId);
            File.Delete(console);
        }
    }
}
