using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Remote;

/// <summary>The host's own Docker engine, for the container techniques over SSH: a second dockerd inside the host's
/// network, mount and UTS namespaces (its iptables, bridges and containers are the namespace's), its data, state and
/// socket in tmpfs mounts that only the host sees, so nothing of it is left on this machine's disk or in this
/// machine's engine.</summary>
public sealed partial class NamespaceSshHost
{
    /// <summary>Where the host's dockerd listens (inside the host's mount namespace).</summary>
    public const string DockerSocket = "/run/docker/docker.sock";

    private static readonly TimeSpan DockerStartTimeout = TimeSpan.FromSeconds(60);

    // Run in sshd's namespaces (nsenter), so ssh sessions see the same mounts. /var/lib/docker, /run/docker and
    // /run/containerd (its shims' sockets) get tmpfs mounts of the host's own; vfs storage works on any file system.
    // --bridge none: no default docker0 network, only the project's.
    private const string DockerScript = """
        set -e
        for d in /var/lib/docker /run/docker /run/containerd; do
          mkdir -p "$d" && mount -t tmpfs -o mode=0711 vnp-lab-docker "$d"
        done
        exec dockerd --host "unix://$1" --pidfile /run/docker/docker.pid --data-root /var/lib/docker --exec-root /run/docker \
          --storage-driver vfs --bridge none
        """;

    private ToolProcess? _dockerd;

    private async Task StartDockerdAsync(CancellationToken cancellationToken)
    {
        if (!Tool.IsInstalled("dockerd") || !Tool.IsInstalled("nsenter"))
        {
            throw new ToolException("The namespace SSH host's Docker engine needs dockerd (docker.io) and nsenter (util-linux): run scripts/setup.sh.");
        }

        var enter = NsenterArguments();
        _dockerd = _registry.Start(_runId, "nsenter", [.. enter, "/bin/sh", "-c", DockerScript, "sh", DockerSocket]);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var version = await Tool.RunAsync(
                "nsenter", [.. enter, "docker", "-H", "unix://" + DockerSocket, "version", "--format", "{{.Server.Version}}"],
                cancellationToken, allowFailure: true);
            if (version.ExitCode == 0)
            {
                return;
            }

            if (_dockerd.HasExited || waited.Elapsed > DockerStartTimeout)
            {
                throw _dockerd.Problem($"The namespace SSH host's dockerd did not answer within {DockerStartTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Stops dockerd gracefully (it stops its containers, which live in namespaces of their own and would
    /// outlive a kill), before the host's processes are ended.</summary>
    private async Task StopDockerdAsync()
    {
        if (_dockerd is { } dockerd)
        {
            await dockerd.StopAsync(TimeSpan.FromSeconds(30));
            await dockerd.DisposeAsync();
            if (_registry.Find(_runId) is not null)
            {
                _registry.RemoveProcess(_runId, dockerd.ProcessId);
            }
        }
    }

    private string[] NsenterArguments() =>
        ["--target", _sshd!.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--net", "--mount", "--uts", "--"];
}
