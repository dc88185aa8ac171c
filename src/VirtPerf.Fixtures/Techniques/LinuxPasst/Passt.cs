using System.Globalization;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.LinuxPasst;

/// <summary>
/// A passt process for one guest: in the foreground (<c>-f</c>, so its pid is the one the run records), serving one
/// QEMU (<c>-1</c>: it exits when QEMU does), the guest's addresses as <see cref="NicForwarder"/> gives them, the ports
/// forwarded from the host address only. Run as root, passt becomes nobody before it creates its socket, so the socket
/// lives in a directory of the run's (<c>/run/virtnetperf/vnp-RUNID-ROLE.passt/</c>) that nobody may write.
/// </summary>
internal sealed class Passt : NicForwarder
{
    private static readonly TimeSpan SocketTimeout = TimeSpan.FromSeconds(10);
    private readonly SutProcess _process;
    private readonly int _processId;
    private readonly string _directory;

    private Passt(SutProcess process, int processId, string directory)
    {
        _process = process;
        _processId = processId;
        _directory = directory;
    }

    /// <summary>The UNIX socket QEMU connects to.</summary>
    public string Socket => Path.Combine(_directory, "passt.sock");

    /// <inheritdoc />
    public override string Netdev => $"stream,id=net0,server=off,addr.type=unix,addr.path={Socket}";

    /// <inheritdoc />
    public override int? Mtu => 65520;

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"passt (pid {_processId})");

    /// <summary>Starts passt for <paramref name="testbed"/>'s host address and waits for its socket.</summary>
    public static async Task<Passt> StartAsync(Testbed testbed, string runId, string role, RunRegistry registry, CancellationToken cancellationToken)
    {
        if (testbed is not LocalTestbed || !OperatingSystem.IsLinux())
        {
            throw new TechniqueUnavailableException(
                "passt runs on the local testbed only for now: its socket directory and process are not yet made on a remote SUT host.");
        }

        if (!await testbed.Sut.IsInstalledAsync("passt", cancellationToken))
        {
            throw new TechniqueUnavailableException("passt is not installed: run scripts/setup.sh (it installs Debian's passt package).");
        }

        var directory = registry.StateFile(runId, role, "passt");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.StickyBit | (UnixFileMode)Convert.ToInt32("777", 8));
        var address = testbed.HostAddress.ToString();
        var process = testbed.Sut.Start(runId, role, "passt", [
            "-f", "-q", "-1", "-4", "-l", Path.Combine(directory, "passt.log"), "-s", Path.Combine(directory, "passt.sock"),
            "-a", GuestAddress.ToString(), "-n", "24", "-g", Gateway.ToString(),
            "-t", $"{address}/{string.Join(',', TcpPorts)}", "-u", $"{address}/{string.Join(',', UdpPorts)}",
        ], registry);
        var passt = new Passt(process, await process.HostProcessIdAsync(cancellationToken), directory);
        var deadline = DateTime.UtcNow + SocketTimeout;
        while (!File.Exists(passt.Socket))
        {
            if (process.Process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(directory, "passt.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "passt.log"), cancellationToken) : "";
                await passt.DisposeAsync();
                throw new InvalidOperationException(
                    $"passt made no socket at {passt.Socket} within {SocketTimeout.TotalSeconds:0} s (exited: {process.Process.HasExited}).\n  log: {log}\n  {process.Process.Output}");
            }

            await Task.Delay(20, cancellationToken); // QEMU 7.2 starts without a network when the socket is missing
        }

        return passt;
    }

    /// <inheritdoc />
    public override double CpuSeconds() => ProcessTreeCpu.Seconds([_processId]);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
