using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// Chooses QEMU's accelerator on the SUT host: KVM only when the technique's guest really boots under it there (on a
/// nested, PVM-based host /dev/kvm exists but a standard kernel hangs), else TCG. <c>VIRTPERF_ACCEL</c> (kvm or tcg)
/// skips the probe. The answer is the guest's (<see cref="AcceleratorProbe.Guest"/>): this machine's is kept in its state
/// directory until it reboots; a remote SUT host's for the life of this process (a file per remote host name would pile
/// up: the lab host has a new name each time).
/// </summary>
public static class Accelerators
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> RemoteHosts = new();

    /// <summary>kvm or tcg for <paramref name="probe"/>'s guest on <paramref name="host"/>; only a probe that runs builds
    /// or copies the guest's files.</summary>
    public static async Task<string> ChooseAsync(
        SutHost host, AcceleratorProbe probe, string runId, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable("VIRTPERF_ACCEL") is { Length: > 0 } chosen)
        {
            return chosen is "kvm" or "tcg"
                ? chosen
                : throw new ArgumentException($"VIRTPERF_ACCEL='{chosen}' must be kvm or tcg.");
        }

        var remembered = Path.Combine(registry.Directory, $"accelerator.{probe.Guest}");
        if (host is LocalSutHost && File.Exists(remembered))
        {
            return (await File.ReadAllTextAsync(remembered, cancellationToken)).Trim();
        }

        var remoteKey = $"{host.Description} {probe.Guest}";
        if (host is not LocalSutHost && RemoteHosts.TryGetValue(remoteKey, out var known))
        {
            return known;
        }

        var accelerator = await host.ExistsAsync("/dev/kvm", cancellationToken)
            && await BootsUnderKvmAsync(host, probe, runId, registry, cancellationToken) ? "kvm" : "tcg";
        if (host is LocalSutHost)
        {
            await File.WriteAllTextAsync(remembered, accelerator, cancellationToken);
        }
        else
        {
            RemoteHosts[remoteKey] = accelerator;
        }

        return accelerator;
    }

    private static async Task<bool> BootsUnderKvmAsync(
        SutHost host, AcceleratorProbe probe, string runId, RunRegistry registry, CancellationToken cancellationToken)
    {
        const string role = "kvmp";
        var console = await host.ProcessFileAsync(runId, role, "console", registry, cancellationToken);
        var machine = new QemuMachine
        {
            Accelerator = "kvm", Vcpus = 1, MemoryMiB = 256, Tap = null, Mac = "", Vhost = false, Offload = true,
            ConsoleLog = console, Boot = await probe.BootOn(host, cancellationToken),
        };
        var process = host.Start(runId, role, QemuCommand.Executable, QemuCommand.Arguments(machine), registry);
        try
        {
            var deadline = DateTime.UtcNow + ProbeTimeout;
            while (DateTime.UtcNow < deadline && !process.Process.HasExited)
            {
                if ((await ReadAsync(host, console, cancellationToken)).Contains(probe.ReadyMarker, StringComparison.Ordinal))
                {
                    return true;
                }

                await Task.Delay(host is LocalSutHost ? 200 : 1000, cancellationToken);
            }

            return false;
        }
        finally
        {
            await process.DisposeAsync(); // with the console log, a file of the process
        }
    }

    private static async Task<string> ReadAsync(SutHost host, string file, CancellationToken cancellationToken)
    {
        try
        {
            return await host.ReadFileAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or Cli.ToolException)
        {
            return ""; // not written yet
        }
    }
}
