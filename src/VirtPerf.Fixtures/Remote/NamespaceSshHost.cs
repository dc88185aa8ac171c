using System.Globalization;
using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Remote;

/// <summary>
/// A second host on this machine for the two-host testbed: a network namespace joined to this host by a veth cable
/// (198.19.N.1 here, 198.19.N.2 there), running Debian's OpenSSH server as root with a host name of its own (a UTS
/// namespace) and an empty home of its own (a private tmpfs), so nothing of this machine's root account leaks into
/// it and nothing it keeps outlives it. Keys, known_hosts and sshd_config are state files of the run.
/// </summary>
public sealed partial class NamespaceSshHost : IAsyncDisposable
{
    /// <summary>Debian's sshd; it must be started by absolute path because it re-executes itself per connection.</summary>
    public const string Sshd = "/usr/sbin/sshd";

    /// <summary>The port sshd listens on, on the namespace's address only.</summary>
    public const int SshPort = 22;

    /// <summary>The login user: root, like the study's lab hosts (network namespaces, Docker and QEMU need it).</summary>
    public const string User = "root";

    /// <summary>Tools this machine needs to build the host, with the package that brings each.</summary>
    private static readonly (string Tool, string Package)[] Needed =
    [
        (Sshd, "openssh-server"), ("ssh", "openssh-client"), ("ssh-keygen", "openssh-client"),
        ("ip", "iproute2"), ("unshare", "util-linux"), ("hostname", "hostname"), ("mount", "mount"),
    ];

    private readonly string _runId;
    private readonly RunRegistry _registry;
    private ToolProcess? _sshd;
    private int _disposed;

    private NamespaceSshHost(string runId, RunRegistry registry, int subnet)
    {
        _runId = runId;
        _registry = registry;
        Namespace = ResourceNames.For(runId, "lab");
        HostLink = ResourceNames.For(runId, "l");
        LabLink = ResourceNames.For(runId, "lr");
        HostAddress = IPAddress.Parse($"198.19.{subnet}.1");
        Address = IPAddress.Parse($"198.19.{subnet}.2");
        Files = new LabFiles(registry, runId);
        Target = new SshTarget(Address.ToString(), Address, User, SshPort, Files.ClientKey, Files.KnownHosts);
    }

    /// <summary>What this machine lacks to build the host (sshd, ssh, ...), with the packages and the fix, or null when
    /// nothing is missing. Building it also needs root (network namespaces, sshd).</summary>
    public static string? Missing()
    {
        var missing = Needed.Where(n => !Tool.IsInstalled(n.Tool)).ToList();
        return missing.Count == 0
            ? null
            : $"the namespace SSH host needs {string.Join(", ", missing.Select(m => m.Tool))} "
              + $"(Debian packages {string.Join(", ", missing.Select(m => m.Package).Distinct())}): run scripts/setup.sh.";
    }

    /// <summary>How the remote testbed reaches the host: root@198.19.N.2:22 with the run's client key and known_hosts.</summary>
    public SshTarget Target { get; }

    /// <summary>The host's network namespace.</summary>
    public string Namespace { get; }

    /// <summary>The host's name (uname -n inside it): the namespace's name, so a command proves where it ran.</summary>
    public string HostName => Namespace;

    /// <summary>The host's address on the cable, where sshd listens and where load goes.</summary>
    public IPAddress Address { get; }

    /// <summary>This machine's end of the cable.</summary>
    public IPAddress HostAddress { get; }

    /// <summary>The cable's end on this machine (in the root network namespace).</summary>
    public string HostLink { get; }

    /// <summary>The cable's end inside <see cref="Namespace"/>.</summary>
    public string LabLink { get; }

    /// <summary>The state files of the host (keys, known_hosts, authorized_keys, sshd_config), removed on dispose.</summary>
    public IReadOnlyList<string> StateFiles => Files.All;

    /// <summary>The <c>VIRTPERF_REMOTE_*</c> variables that point the remote testbed at this host.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        [SshTarget.HostVariable] = Target.Host,
        ["VIRTPERF_REMOTE_SUT_ADDRESS"] = Target.SutAddress.ToString(),
        ["VIRTPERF_REMOTE_USER"] = User,
        ["VIRTPERF_REMOTE_PORT"] = SshPort.ToString(CultureInfo.InvariantCulture),
        ["VIRTPERF_REMOTE_IDENTITY"] = Files.ClientKey,
        ["VIRTPERF_REMOTE_KNOWN_HOSTS"] = Files.KnownHosts,
        ["VIRTPERF_REMOTE_DOCKER_SOCKET"] = _dockerd is null ? SshTarget.DefaultDockerSocket : DockerSocket,
    };

    private LabFiles Files { get; }

    /// <summary>
    /// Builds the host for the registered run <paramref name="runId"/> and waits until its sshd accepts connections.
    /// With <paramref name="path"/>, every SSH session there gets that PATH (sshd_config SetEnv), to simulate a host
    /// that lacks some tools. With <paramref name="docker"/>, the host runs a Docker engine of its own
    /// (<see cref="DockerSocket"/>). A failure removes whatever was built and quotes sshd's own words.
    /// </summary>
    public static async Task<NamespaceSshHost> CreateAsync(
        string runId, RunRegistry registry, CancellationToken cancellationToken = default, string? path = null, bool docker = false)
    {
        if (Missing() is { } missing)
        {
            throw new ToolException($"Cannot build a namespace SSH host: {missing}");
        }

        if (!System.Environment.IsPrivilegedProcess || !Privileges.HasNetAdmin())
        {
            throw new UnauthorizedAccessException("The namespace SSH host needs root (network namespaces, sshd): run it as root.");
        }

        LabFiles.RequireConfigSafe(registry.Directory, "the run state directory (VIRTPERF_STATE_DIR)");
        if (path is not null)
        {
            LabFiles.RequireConfigSafe(path, "the lab host's PATH");
        }

        NamespaceSshHost host;
        using (await registry.LockAsync(cancellationToken))
        {
            // The subnet is taken once its address is on the host's end of the cable: build that under the lock.
            host = new NamespaceSshHost(runId, registry, await Subnets.FreeAsync(Subnets.Cables, cancellationToken));
            await host.BuildOrRemoveAsync(host.BuildCableAsync, cancellationToken);
        }

        await host.BuildOrRemoveAsync(
            async ct =>
            {
                await host.Files.WriteAsync(host.Namespace, host.Address, path, ct);
                await host.StartSshdAsync(ct);
                if (docker)
                {
                    await host.StartDockerdAsync(ct);
                }
            },
            cancellationToken);
        return host;
    }

    /// <summary>Stops dockerd, sshd and every process in the namespace, removes the namespace, the cable and the state
    /// files; anything already gone is not an error.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopDockerdAsync();

        // The host is switched off: sshd, its sessions (they outlive the listener) and whatever they started, all at
        // once. Not SIGINT first: sshd keeps the SIGINT disposition it inherits, ignored under a launcher that ignores it.
        await EndProcessesInsideAsync();
        if (_sshd is { } sshd)
        {
            await sshd.DisposeAsync();
            if (_registry.Find(_runId) is not null)
            {
                _registry.RemoveProcess(_runId, sshd.ProcessId);
            }
        }

        // The cable first: deleting an end of a veth pair deletes both at once, while a namespace's own links go
        // only when the kernel frees the namespace, asynchronously.
        await IpResources.Links.RemoveAsync(HostLink, CancellationToken.None);
        await IpResources.Namespaces.RemoveAsync(Namespace, CancellationToken.None);
        Files.Delete();
    }

    private async Task BuildOrRemoveAsync(Func<CancellationToken, Task> build, CancellationToken cancellationToken)
    {
        try
        {
            await build(cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private Task BuildCableAsync(CancellationToken cancellationToken) =>
        VethCable.BuildAsync(Namespace, HostLink, HostAddress, LabLink, Address, cancellationToken);
}
