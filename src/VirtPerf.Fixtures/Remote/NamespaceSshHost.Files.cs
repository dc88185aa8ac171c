using System.Net;
using System.Text.RegularExpressions;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Remote;

public sealed partial class NamespaceSshHost
{
    [GeneratedRegex("^[A-Za-z0-9/._+:-]+$")]
    private static partial Regex ConfigSafe();

    /// <summary>The host's keys and configuration, as state files of the run (<c>vnp-RUN-lab.EXT</c>): the registry
    /// deletes every such file with the run's record, so a killed run leaves none of them behind either.</summary>
    private sealed class LabFiles(RunRegistry registry, string runId)
    {
        public string HostKey { get; } = registry.StateFile(runId, "lab", "hostkey");

        public string ClientKey { get; } = registry.StateFile(runId, "lab", "key");

        public string AuthorizedKeys { get; } = registry.StateFile(runId, "lab", "authorized_keys");

        public string KnownHosts { get; } = registry.StateFile(runId, "lab", "known_hosts");

        public string SshdConfig { get; } = registry.StateFile(runId, "lab", "sshd_config");

        public IReadOnlyList<string> All => [HostKey, HostKey + ".pub", ClientKey, ClientKey + ".pub", AuthorizedKeys, KnownHosts, SshdConfig];

        /// <summary>sshd_config(5) splits on blanks and expands %-tokens in some paths: accept plain paths only.</summary>
        public static void RequireConfigSafe(string value, string what)
        {
            if (!ConfigSafe().IsMatch(value))
            {
                throw new ArgumentException(
                    $"{what} '{value}' must be a plain path (letters, digits, '/', '.', '_', '+', ':', '-') to go into an sshd_config.");
            }
        }

        public async Task WriteAsync(string name, IPAddress address, string? path, CancellationToken cancellationToken)
        {
            await GenerateKeyAsync(HostKey, $"{name} host key", cancellationToken);
            await GenerateKeyAsync(ClientKey, $"VirtNetPerf client of {name}", cancellationToken);
            File.WriteAllText(AuthorizedKeys, File.ReadAllText(ClientKey + ".pub"));

            // known_hosts(5): "host keytype base64", without the key's comment.
            var hostKey = File.ReadAllText(HostKey + ".pub").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            File.WriteAllText(KnownHosts, $"{address} {hostKey[0]} {hostKey[1]}\n");
            File.WriteAllText(SshdConfig, Config(name, address, path));
        }

        public void Delete()
        {
            foreach (var file in All)
            {
                File.Delete(file); // no error when it is already gone
            }
        }

        private static async Task GenerateKeyAsync(string file, string comment, CancellationToken cancellationToken)
        {
            // ssh-keygen asks before overwriting (and reads "no" from the empty stdin): a retried run starts clean.
            File.Delete(file);
            File.Delete(file + ".pub");
            await Tool.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file], cancellationToken);
        }

        private string Config(string name, IPAddress address, string? path) =>
            $"""
            # sshd_config(5) of the VirtNetPerf lab host {name}: written for this run and deleted with it.
            ListenAddress {address}
            Port {SshPort}
            HostKey {HostKey}
            AuthorizedKeysFile {AuthorizedKeys}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            # No PAM: its session modules (pam_loginuid, pam_systemd) would act on this machine, not on the lab host.
            UsePAM no
            PidFile none
            # The keys live in the run state directory, not in a home with sshd's expected owners and modes.
            StrictModes no
            LogLevel VERBOSE
            # scp uses the SFTP protocol since OpenSSH 9.0: serve it in-process (no sftp-server binary needed).
            Subsystem sftp internal-sftp
            {(path is null ? "" : $"# The PATH of every session (SetEnv is applied last, over sshd's default PATH).\nSetEnv PATH={path}\n")}
            """;
    }
}
