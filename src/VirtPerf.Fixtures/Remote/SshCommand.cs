using System.Globalization;

namespace VirtPerf.Fixtures.Remote;

/// <summary>The OpenSSH client's argument list that runs one command on an <see cref="SshTarget"/>.</summary>
public static class SshCommand
{
    /// <summary>The client: OpenSSH's <c>ssh</c> on PATH.</summary>
    public const string Executable = "ssh";

    /// <summary>Seconds ssh waits for the TCP connection before giving up (ssh_config(5) ConnectTimeout).</summary>
    public const int ConnectTimeoutSeconds = 10;

    /// <summary>
    /// <c>ssh [options] -- HOST 'tool' 'arg'...</c>: BatchMode (never a password or passphrase prompt: there is no
    /// terminal), StrictHostKeyChecking=yes (an unknown or changed host key is an error, never accepted; the command
    /// line wins over ~/.ssh/config, ssh_config(5)), keep-alives so a dead link ends the session; every remote word
    /// quoted for the remote shell.
    /// </summary>
    public static IReadOnlyList<string> Arguments(SshTarget target, string tool, IEnumerable<string> arguments) =>
        [.. Options(target), "--", target.Host, PosixShell.Quote(tool), .. arguments.Select(PosixShell.Quote)];

    /// <summary><c>ssh [options] -N -L LOCAL:REMOTE -- HOST</c>: forwards the Unix socket <paramref name="localSocket"/> here
    /// to <paramref name="remoteSocket"/> on the host and runs nothing there; ssh exits when it cannot set the forward
    /// up, and replaces a stale socket file of a killed run.</summary>
    public static IReadOnlyList<string> SocketForward(SshTarget target, string localSocket, string remoteSocket) =>
    [
        .. Options(target), "-N", "-o", "ExitOnForwardFailure=yes", "-o", "StreamLocalBindUnlink=yes",
        "-L", $"{localSocket}:{remoteSocket}", "--", target.Host,
    ];

    private static List<string> Options(SshTarget target)
    {
        var options = new List<string>
        {
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "ConnectTimeout=" + ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            "-o", "ServerAliveInterval=5",
            "-o", "ServerAliveCountMax=3",
            "-T", // no terminal: commands are not interactive
        };
        if (target.Port is { } port)
        {
            options.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (target.User is { } user)
        {
            options.AddRange(["-l", user]);
        }

        if (target.IdentityFile is { } identity)
        {
            options.AddRange(["-i", identity, "-o", "IdentitiesOnly=yes"]);
        }

        if (target.KnownHostsFile is { } knownHosts)
        {
            options.AddRange(["-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null"]);
        }

        return options;
    }
}
