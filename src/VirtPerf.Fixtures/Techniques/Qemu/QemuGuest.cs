using System.Diagnostics;
using System.Globalization;
using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>A running QEMU guest: started, ready when its servers answer, stopped gracefully then killed.</summary>
public sealed class QemuGuest : IAsyncDisposable
{
    private readonly ToolProcess _process;
    private readonly string _runId;
    private readonly RunRegistry _registry;
    private readonly string _consoleLog;

    private QemuGuest(ToolProcess process, string runId, RunRegistry registry, string consoleLog)
    {
        _process = process;
        _runId = runId;
        _registry = registry;
        _consoleLog = consoleLog;
    }

    /// <summary>From QEMU's start to the guest's servers accepting connections.</summary>
    public TimeSpan BootToReady { get; private set; }

    /// <summary>QEMU's process id.</summary>
    public int ProcessId => _process.ProcessId;

    /// <summary>The serial console so far.</summary>
    public string Console => File.Exists(_consoleLog) ? File.ReadAllText(_consoleLog) : "";

    /// <summary>The guest's effective offload features as its <c>ethtool -k eth0</c> printed them, or empty.</summary>
    public string OffloadState
    {
        get
        {
            var console = Console;
            var begin = console.IndexOf(GuestInit.OffloadBegin, StringComparison.Ordinal);
            var end = console.IndexOf(GuestInit.OffloadEnd, StringComparison.Ordinal);
            return begin >= 0 && end > begin ? console[(begin + GuestInit.OffloadBegin.Length)..end].Trim() : "";
        }
    }

    /// <summary>Starts QEMU for <paramref name="machine"/> and waits until every one of <paramref name="ports"/> answers
    /// at <paramref name="address"/>; on failure the error carries the console.</summary>
    public static async Task<QemuGuest> StartAsync(
        QemuMachine machine, IPAddress address, IReadOnlyList<int> ports, TimeSpan bootTimeout, string runId, RunRegistry registry,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var process = ToolProcess.Start(QemuCommand.Executable, QemuCommand.Arguments(machine));
        registry.AddProcess(runId, process);

        var guest = new QemuGuest(process, runId, registry, machine.ConsoleLog);
        try
        {
            await Ports.WaitUntilOpenAsync(
                address, ports, bootTimeout, () => process.HasExited,
                message => Task.FromResult<Exception>(process.Problem($"{message}\n  console ({machine.ConsoleLog}):\n{Tail(guest.Console)}")),
                cancellationToken);
            guest.BootToReady = clock.Elapsed;
            return guest;
        }
        catch
        {
            await guest.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU seconds of the QEMU process (all its threads) plus its vhost worker threads, as the host accounts them.</summary>
    public double CpuSeconds()
    {
        var ticks = Ticks($"/proc/{ProcessId}/stat");
        foreach (var task in Directory.GetDirectories("/proc"))
        {
            // vhost-net's worker is a kernel thread named "vhost-QEMUPID" (drivers/vhost/vhost.c).
            if (File.Exists(Path.Combine(task, "comm"))
                && File.ReadAllText(Path.Combine(task, "comm")).Trim() == $"vhost-{ProcessId}")
            {
                ticks += Ticks(Path.Combine(task, "stat"));
            }
        }

        return ticks / 100.0; // USER_HZ is 100 on Linux (proc(5), sysconf(_SC_CLK_TCK))
    }

    /// <summary>Stops QEMU (SIGINT, then kill), forgets its pid and deletes the console log.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _registry.RemoveProcess(_runId, _process.ProcessId);
        File.Delete(_consoleLog);
    }

    private static long Ticks(string statFile) =>
        ProcessIdentity.StatFields(statFile) is { } fields
            ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture) // utime, stime
            : 0;

    private static string Tail(string console) =>
        string.Join('\n', console.Split('\n').TakeLast(30).Select(l => "    " + l));
}
