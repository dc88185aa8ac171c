using System.Diagnostics;
using System.Globalization;
using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>A running QEMU guest on the SUT host: started, ready when its servers answer, stopped gracefully then killed.</summary>
public sealed class QemuGuest : IAsyncDisposable
{
    private readonly SutHost _host;
    private readonly SutProcess _process;
    private readonly string _consoleLog;
    private volatile bool _stopping;

    private QemuGuest(SutHost host, SutProcess process, string consoleLog)
    {
        _host = host;
        _process = process;
        _consoleLog = consoleLog;
    }

    /// <summary>From QEMU's start to the guest's servers accepting connections.</summary>
    public TimeSpan BootToReady { get; private set; }

    /// <summary>QEMU's process id on the SUT host.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The guest's effective offload features as its <c>ethtool -k eth0</c> printed them, or empty.</summary>
    public string OffloadState { get; private set; } = "";

    /// <summary>Starts QEMU for <paramref name="machine"/> on <paramref name="host"/> under the resource name of
    /// <paramref name="role"/> and waits until every one of <paramref name="ports"/> answers at
    /// <paramref name="address"/>; on failure the error carries the console.</summary>
    public static async Task<QemuGuest> StartAsync(
        SutHost host, QemuMachine machine, IPAddress address, IReadOnlyList<int> ports, TimeSpan bootTimeout,
        string runId, string role, RunRegistry registry, CancellationToken cancellationToken = default, string? readyMarker = null)
    {
        var clock = Stopwatch.StartNew();
        var process = host.Start(runId, role, QemuCommand.Executable, QemuCommand.Arguments(machine), registry);
        var guest = new QemuGuest(host, process, machine.ConsoleLog);
        try
        {
            guest.ProcessId = await process.HostProcessIdAsync(cancellationToken);
            // Behind a forwarder the host accepts connections before the guest listens: the console says when it does.
            while (readyMarker is not null && !(await guest.ConsoleAsync()).Contains(readyMarker, StringComparison.Ordinal)
                && !process.Process.HasExited && clock.Elapsed < bootTimeout)
            {
                await Task.Delay(200, cancellationToken);
            }

            await Ports.WaitUntilOpenAsync(
                address, ports, bootTimeout, () => process.Process.HasExited,
                async message => process.Process.Problem(
                    $"{message}\n  console ({machine.ConsoleLog} on {host.Description}):\n{Tail(await guest.ConsoleAsync())}"),
                cancellationToken);
            guest.BootToReady = clock.Elapsed;
            guest.OffloadState = Offload(await guest.ConsoleAsync());
            return guest;
        }
        catch
        {
            await guest.DisposeAsync();
            throw;
        }
    }

    /// <summary>The serial console so far, or empty when QEMU has not written it yet.</summary>
    public async Task<string> ConsoleAsync()
    {
        try
        {
            return await _host.ReadFileAsync(_consoleLog);
        }
        catch (Exception e) when (e is IOException or ToolException)
        {
            return "";
        }
    }

    /// <summary>CPU seconds of the QEMU process (all its threads) plus its vhost worker threads, as the SUT host accounts
    /// them. On a remote host this is a round trip over SSH, taken between measurements, never inside one.</summary>
    public double CpuSeconds()
    {
        var stat = _host.RunAsync("sh", ["-c", QemuCpu.Script, "sh", ProcessId.ToString(CultureInfo.InvariantCulture)]).GetAwaiter().GetResult();
        return QemuCpu.Ticks(stat.StandardOutput) / QemuCpu.TicksPerSecond;
    }

    /// <summary>Completes when QEMU exits: when it exited other than by <see cref="DisposeAsync"/> (the guest powered
    /// off, QEMU crashed or someone killed it) with the reason: the exit status, the host, and the console's last lines;
    /// with null when the guest was stopped on purpose.</summary>
    public async Task<string?> ExitedAsync()
    {
        var status = await _process.Process.Exited;
        if (status is null || _stopping)
        {
            return null;
        }

        string console;
        try
        {
            console = await ConsoleAsync(); // a process's files stay until its stop
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console = $"(could not be read: {e.Message})";
        }

        return $"QEMU exited with status {Status(status!.Value, _host is LocalSutHost)} on {_host.Description} (QEMU pid {ProcessId} there). "
            + $"The guest's console ({_consoleLog}), last lines:\n{Tail(console)}";
    }

    /// <summary>Stops QEMU (SIGINT, then kill), forgets it and deletes the console log.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _process.DisposeAsync(); // its stop removes the process's files, the console log among them
    }

    /// <summary>An exit status with what it means: .NET reports death by signal N as 128 + N; through ssh, 255 is also
    /// a broken connection (and OpenSSH's ssh exits 255 when the remote command died of a signal).</summary>
    private static string Status(int status, bool local) => status switch
    {
        0 => "0 (the guest powered off or rebooted)",
        255 when !local => "255 (as ssh reports it: QEMU died of a signal, or the SSH connection broke)",
        > 128 and < 160 when local => string.Create(CultureInfo.InvariantCulture, $"{status} (killed by signal {status - 128}{SignalName(status - 128)})"),
        _ => status.ToString(CultureInfo.InvariantCulture),
    };

    private static string SignalName(int signal) => signal switch
    {
        1 => ", SIGHUP", 2 => ", SIGINT", 6 => ", SIGABRT", 9 => ", SIGKILL", 11 => ", SIGSEGV", 15 => ", SIGTERM", _ => "",
    };

    /// <summary>The text between the offload markers of <paramref name="console"/>, or empty.</summary>
    private static string Offload(string console)
    {
        var begin = console.IndexOf(GuestInit.OffloadBegin, StringComparison.Ordinal);
        var end = console.IndexOf(GuestInit.OffloadEnd, StringComparison.Ordinal);
        return begin >= 0 && end > begin ? console[(begin + GuestInit.OffloadBegin.Length)..end].Trim() : "";
    }

    private static string Tail(string console) =>
        string.Join('\n', console.Split('\n').TakeLast(30).Select(l => "    " + l));
}
