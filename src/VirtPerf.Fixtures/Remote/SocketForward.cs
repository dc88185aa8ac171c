using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Remote;

/// <summary>A Unix socket of the remote host made reachable here by OpenSSH's client (<c>ssh -N -L</c>): the Docker
/// engine's API for Testcontainers, whose own ssh:// transport would ignore the run's key and known_hosts settings.
/// The ssh process is recorded with the run, so a killed run's next start ends it; the socket file is a run state file.</summary>
public sealed class SocketForward : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly ToolProcess _ssh;
    private readonly string _runId;
    private readonly RunRegistry _registry;

    private SocketForward(ToolProcess ssh, string runId, RunRegistry registry, string localSocket)
    {
        _ssh = ssh;
        _runId = runId;
        _registry = registry;
        LocalSocket = localSocket;
    }

    /// <summary>The socket's path on this machine.</summary>
    public string LocalSocket { get; }

    /// <summary>Forwards <paramref name="remoteSocket"/> of <paramref name="target"/> to a run state file named after
    /// <paramref name="role"/>; waits until it accepts connections here.</summary>
    public static async Task<SocketForward> StartAsync(
        SshTarget target, string remoteSocket, string runId, string role, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        var local = registry.StateFile(runId, role, "sock");
        var ssh = registry.Start(runId, SshCommand.Executable, SshCommand.SocketForward(target, local, remoteSocket));
        var forward = new SocketForward(ssh, runId, registry, local);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(local))
        {
            if (ssh.HasExited || waited.Elapsed > StartTimeout)
            {
                await forward.DisposeAsync();
                throw ssh.Problem($"ssh did not forward {remoteSocket} of {target.Display} to {local} within {StartTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(50, cancellationToken);
        }

        return forward;
    }

    /// <summary>Ends the ssh process and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _ssh.DisposeAsync();
        _registry.RemoveProcess(_runId, _ssh.ProcessId);
        File.Delete(LocalSocket);
    }
}
