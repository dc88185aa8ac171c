using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>
/// The project's users on this machine (<see cref="RootlessUser"/>), found by name in /etc/passwd, /etc/subuid and
/// /etc/subgid. Removing one removes everything it had: its containers, every process of its uid or subordinate range
/// (by pid: the container's servers, conmon, slirp4netns, pasta, Podman's pause process), its runtime and Podman
/// temporary directories, its /dev/net/tun ACL entry, the user with its home, and its subordinate id lines.
/// </summary>
public sealed class ProjectUsers : IHostResources
{
    private static readonly TimeSpan PodmanTimeout = TimeSpan.FromSeconds(30);

    private ProjectUsers()
    {
    }

    /// <summary>This machine's project users.</summary>
    public static ProjectUsers Default { get; } = new();

    /// <inheritdoc />
    public string Kind => "project user";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith((await ReadAsync("/etc/passwd", cancellationToken)).Split('\n').Select(l => l.Split(':')[0]));
        names.UnionWith(SubordinateIds.Owners(await ReadAsync(SubordinateIds.UidFile, cancellationToken)));
        names.UnionWith(SubordinateIds.Owners(await ReadAsync(SubordinateIds.GidFile, cancellationToken)));
        return [.. names.Where(n => ResourceNames.RunIdOf(n) is not null)];
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (ResourceNames.RunIdOf(name) is null)
        {
            throw new ArgumentException($"'{name}' is not a project user.", nameof(name));
        }

        var entry = (await ReadAsync("/etc/passwd", cancellationToken)).Split('\n').Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 7 && f[0] == name);
        var subordinate = SubordinateIds.Of(await ReadAsync(SubordinateIds.UidFile, cancellationToken), name);
        if (entry is not null)
        {
            var uid = long.Parse(entry[2], CultureInfo.InvariantCulture);
            var user = new RootlessUser(name, uid, entry[5], subordinate ?? new SubordinateIds(0, 0));
            if (Tool.IsInstalled("podman"))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PodmanTimeout);
                try
                {
                    await new Podman(user).RemoveAllAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A Podman that hangs is ended with the user's other processes below.
                }
            }

            await UserProcesses.EndAsync(id => id == uid || user.Subordinate.Contains(id), cancellationToken);
            if (Tool.IsInstalled("setfacl"))
            {
                await Tool.RunAsync("setfacl", ["-x", $"u:{name}", RootlessUser.TunDevice], cancellationToken, allowFailure: true);
                await TidyTunAclAsync(cancellationToken);
            }
            foreach (var directory in new[] { user.RuntimeDirectory, $"/tmp/podman-run-{entry[2]}", $"/tmp/containers-user-{entry[2]}" })
            {
                await Tool.RunAsync("rm", ["-rf", "--one-file-system", directory], cancellationToken, allowFailure: true);
            }

            File.Delete($"/dev/shm/libpod_rootless_lock_{entry[2]}");
            var userdel = await Tool.RunAsync("userdel", ["--remove", name], cancellationToken, allowFailure: true);
            if ((await ReadAsync("/etc/passwd", cancellationToken)).Split('\n').Any(l => l.StartsWith(name + ":", StringComparison.Ordinal)))
            {
                throw new ToolException($"Could not remove {Kind} {name}.", userdel);
            }
        }

        // userdel removes the subordinate ranges itself; lines are left only when a run died between the two.
        foreach (var file in new[] { SubordinateIds.UidFile, SubordinateIds.GidFile })
        {
            var text = await ReadAsync(file, cancellationToken);
            if (SubordinateIds.Owners(text).Contains(name))
            {
                await File.WriteAllTextAsync(file + ".vnp", SubordinateIds.Without(text, name), cancellationToken);
                File.Move(file + ".vnp", file, overwrite: true);
            }
        }
    }

    // setfacl -x leaves the ACL's mask behind (ls shows a '+'); with no named entry left (no other run's user), the
    // device gets its plain mode back. A run that adds its entry between the two commands would lose it, but only if
    // its forwarder has not opened the device yet.
    private static async Task TidyTunAclAsync(CancellationToken cancellationToken)
    {
        var acl = await Tool.RunAsync("getfacl", ["--omit-header", "--numeric", RootlessUser.TunDevice], cancellationToken, allowFailure: true);
        if (acl.ExitCode == 0 && !acl.StandardOutput.Split('\n').Any(l => l.StartsWith("user:", StringComparison.Ordinal) && !l.StartsWith("user::", StringComparison.Ordinal)
            || l.StartsWith("group:", StringComparison.Ordinal) && !l.StartsWith("group::", StringComparison.Ordinal)))
        {
            await Tool.RunAsync("setfacl", ["-b", RootlessUser.TunDevice], cancellationToken, allowFailure: true);
        }
    }

    private static async Task<string> ReadAsync(string file, CancellationToken cancellationToken) =>
        File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken) : "";
}
