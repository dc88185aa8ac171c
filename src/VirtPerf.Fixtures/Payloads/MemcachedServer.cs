using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>
/// memcached with the study's server settings: the one argument list every technique runs (the host, the container's
/// entrypoint, the guest's /init), and memcached itself on the SUT host for bare metal, in the foreground (no
/// <c>-d</c>) so we own its process.
/// </summary>
public sealed partial class MemcachedServer : PayloadProcess
{
    /// <summary>memcached's default TCP port (memcached(1)).</summary>
    public const int DefaultPort = 11211;

    /// <summary>Memory for items, in megabytes (<c>-m</c>; also memcached's own default).</summary>
    public const int MemoryMegabytes = 64;

    /// <summary>Simultaneous connections (<c>-c</c>).</summary>
    public const int MaxConnections = 1024;

    /// <summary>Where the payload image and the guest initramfs carry memcached (the host's own binary).</summary>
    public const string BinaryPath = "/usr/bin/memcached";

    private MemcachedServer(SutProcess process)
        : base(process)
    {
    }

    /// <summary>
    /// The arguments: <see cref="MemoryMegabytes"/>, <see cref="MaxConnections"/>, <paramref name="threads"/> worker
    /// threads (the SUT's CPUs), TCP on <paramref name="port"/> (a SUT's is <see cref="DefaultPort"/>), UDP off; listening
    /// on <paramref name="listenAddress"/> only when given, and switching to <paramref name="user"/> when given (memcached
    /// refuses to run as root without).
    /// </summary>
    public static IReadOnlyList<string> Arguments(
        int threads, IPAddress? listenAddress = null, string? user = null, int port = DefaultPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return Build(Number(threads), listenAddress, user, port);
    }

    /// <summary>
    /// <see cref="BinaryPath"/> with <see cref="Arguments"/> as one line for a busybox sh script; null
    /// <paramref name="threads"/> means one per CPU the shell's machine has (<c>"$(nproc)"</c>, the guest's vCPUs).
    /// </summary>
    public static string ShellCommand(int? threads, string? user = null, IPAddress? listenAddress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads ?? 1, 1, nameof(threads));
        return string.Join(' ', Build(threads is { } n ? Number(n) : "\"$(nproc)\"", listenAddress, user, DefaultPort).Prepend(BinaryPath));
    }

    /// <summary>Starts memcached on <paramref name="address"/>:<paramref name="port"/> of <paramref name="host"/> (this
    /// machine when null) with one thread per CPU of that host (as <c>nobody</c> when it runs us as root) and waits
    /// until it accepts connections.</summary>
    public static Task<MemcachedServer> StartAsync(
        IPAddress address, string runId, RunRegistry registry, CancellationToken cancellationToken = default, int port = DefaultPort,
        SutHost? host = null)
    {
        host ??= LocalSutHost.Instance;

        // As root, memcached exits with "can't run as root without the -u switch"; nobody exists on every Debian host.
        var user = host.IsRoot ? "nobody" : null;
        return StartAsync(
            host, "memcached", Arguments(host.Facts.Cores, address, user, port),
            address, port, runId, $"m{port % 1000}", registry, "run scripts/setup.sh there.",
            process => new MemcachedServer(process), cancellationToken);
    }

    /// <summary>memcached's version (from <c>memcached -V</c>, e.g. <c>1.6.18</c>): every technique runs this binary.</summary>
    public static async Task<string> VersionAsync(SutHost host, CancellationToken cancellationToken = default)
    {
        var run = await host.RunAsync("memcached", ["-V"], cancellationToken);
        var words = run.StandardOutput.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 ? words[^1] : throw new ToolException("memcached -V printed no version.", run);
    }

    private static IReadOnlyList<string> Build(string threads, IPAddress? listenAddress, string? user, int port)
    {
        if (user is not null && !UserName().IsMatch(user))
        {
            throw new ArgumentException($"'{user}' is not a user name memcached could switch to.", nameof(user));
        }

        var arguments = new List<string>
        {
            "-m", Number(MemoryMegabytes),
            "-c", Number(MaxConnections),
            "-t", threads,
            "-p", Number(port),
            "-U", "0", // no UDP listener (memcached's default since 1.5.6; explicit for older builds)
        };
        if (listenAddress is not null)
        {
            arguments.AddRange(["-l", listenAddress.ToString()]);
        }

        if (user is not null)
        {
            arguments.AddRange(["-u", user]);
        }

        return arguments;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserName();
}
