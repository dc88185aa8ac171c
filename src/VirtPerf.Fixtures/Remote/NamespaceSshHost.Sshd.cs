using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Remote;

/// <summary>The host's sshd: started in the namespace under its own host name and home, and switched off with
/// everything its sessions started.</summary>
public sealed partial class NamespaceSshHost
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    // ip netns exec gives sshd this network namespace (and a mount namespace of its own); unshare adds a UTS namespace
    // for the host name and a private mount namespace (unshare(1): --mount defaults to private propagation, so the
    // tmpfs over the home never reaches this host's mounts). $1 host name, $2 sshd_config, $3 home ('' = keep it).
    // ip netns exec mounts a fresh sysfs, which hides the cgroup file systems: they are mounted again as init has them
    // (a host's container CPU counters and dockerd need them). sshd refuses to start without its privilege separation
    // directory, root's and 0755 (Debian makes it at boot from a systemd unit, so a machine without systemd may lack it).
    private const string StartScript = """
        set -e
        awk '$2 ~ /^\/sys\/fs\/cgroup/ { print $3, $4, $1, $2 }' /proc/1/mounts | while read -r type options source target; do
          mkdir -p "$target" && mount -t "$type" -o "$options" "$source" "$target"
        done
        mkdir -p -m 0755 /run/sshd
        hostname "$1"
        [ -z "$3" ] || mount -t tmpfs -o mode=0700 vnp-lab-home "$3"
        exec /usr/sbin/sshd -D -e -f "$2"
        """;

    private async Task StartSshdAsync(CancellationToken cancellationToken)
    {
        _sshd = _registry.Start(
            _runId,
            "ip",
            [
                "netns", "exec", Namespace, "unshare", "--uts", "--mount", "--", "/bin/sh", "-c", StartScript, "sh",
                HostName, Files.SshdConfig, PrivateHome() ?? "",
            ]);
        var sshd = _sshd;
        await Ports.WaitUntilOpenAsync(
            Address, SshPort, StartTimeout, () => sshd.HasExited,
            problem => Task.FromResult<Exception>(sshd.Problem($"The namespace SSH host's sshd did not start: {problem}")),
            cancellationToken);
    }

    private async Task EndProcessesInsideAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var pids = await Tool.RunAsync("ip", ["netns", "pids", Namespace], CancellationToken.None, allowFailure: true);
            var alive = pids.ExitCode == 0
                ? pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList()
                : [];
            if (alive.Count == 0)
            {
                return;
            }

            foreach (var pid in alive)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
                {
                    // It exited between the listing and the kill.
                }
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The login user's home, to hide behind an empty tmpfs; null when it is / (never hidden).</summary>
    private static string? PrivateHome()
    {
        var home = File.ReadLines("/etc/passwd")
            .Select(l => l.Split(':'))
            .FirstOrDefault(f => f.Length > 5 && f[0] == User)?[5];
        return home is { Length: > 1 } && home.StartsWith('/') ? home : null;
    }
}
