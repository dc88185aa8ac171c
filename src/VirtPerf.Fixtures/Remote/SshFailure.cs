using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Remote;

/// <summary>Turns ssh's own failures (exit status 255, ssh(1)) into errors that say what is wrong and how to fix it.</summary>
public static class SshFailure
{
    /// <summary>ssh's exit status when ssh itself failed rather than the remote command (ssh(1), EXIT STATUS).</summary>
    public const int ExitStatus = 255;

    /// <summary>The error for a failed ssh run of <paramref name="result"/> against <paramref name="target"/>.</summary>
    public static RemoteHostException Explain(SshTarget target, ToolResult result)
    {
        var said = result.StandardError;
        var host = target.Display;
        var keyscan = $"ssh-keyscan{(target.Port is { } p ? $" -p {p}" : "")} {target.Host}";
        var knownHosts = target.KnownHostsFile ?? "~/.ssh/known_hosts";
        // known_hosts names a host on another port than 22 as [host]:port, and ssh-keygen -R edits ~/.ssh/known_hosts
        // unless -f names the file (ssh-keygen(1), -R and -f).
        var entry = target.Port is { } port and not 22 ? $"[{target.Host}]:{port}" : target.Host;
        var forget = $"ssh-keygen -R {entry}{(target.KnownHostsFile is { } file ? $" -f {file}" : "")}";
        var problem =
            Has(said, "REMOTE HOST IDENTIFICATION HAS CHANGED")
                ? $"the host key of {host} does not match the one in {knownHosts}: this may be another machine or an attack. "
                  + $"If the host was reinstalled, check its new key with its administrator, then remove the old one ({forget}) and add the new one."
            : Has(said, "Host key verification failed") || Has(said, "host key is known")
                ? $"the host key of {host} is not in {knownHosts} and is never accepted blindly. "
                  + $"Compare `{keyscan}` with the key on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then add it to {knownHosts} "
                  + "or point VIRTPERF_REMOTE_KNOWN_HOSTS at a file holding it."
            : Has(said, "Permission denied")
                ? $"{host} refused the login. Check VIRTPERF_REMOTE_USER and VIRTPERF_REMOTE_IDENTITY (or your agent and ~/.ssh/config); "
                  + "the key must be in the user's authorized_keys, and no password prompt is possible (BatchMode)."
            : Has(said, "Could not resolve hostname")
                ? $"{host}: {target.Host} does not resolve: check VIRTPERF_REMOTE_HOST (a host name, address, or ~/.ssh/config alias)."
            : Has(said, "Connection refused")
                ? $"{host} refused the connection: is sshd running there, and on that port (VIRTPERF_REMOTE_PORT)?"
            : Has(said, "timed out") || Has(said, "No route to host") || Has(said, "Network is unreachable")
                ? $"{host} is unreachable (no answer within {SshCommand.ConnectTimeoutSeconds} s): check the address, the link and any firewall between the hosts."
            : $"ssh to {host} failed.";
        return new RemoteHostException($"Remote SUT host: {problem}\n  command: {result.CommandLine}\n  ssh said: {said.Trim()}");
    }

    private static bool Has(string text, string phrase) => text.Contains(phrase, StringComparison.OrdinalIgnoreCase);
}
