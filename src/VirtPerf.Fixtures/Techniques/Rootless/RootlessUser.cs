using System.Globalization;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>
/// An unprivileged user the framework creates for one rootless technique (named like every host resource,
/// <c>vnp-RUNID-ROLE</c>) with what rootless Podman needs of it: a home, subordinate uid and gid ranges (Debian's
/// useradd adds them, login.defs SUB_UID_COUNT), a runtime directory, and read/write access to /dev/net/tun for
/// slirp4netns and pasta through an ACL entry of its own (the device's mode stays as it is). <see cref="ProjectUsers"/>
/// removes it all.
/// </summary>
/// <param name="Name">The user name.</param>
/// <param name="Uid">Its uid.</param>
/// <param name="Home">Its home directory (holds Podman's storage).</param>
/// <param name="Subordinate">Its subordinate uid range.</param>
public sealed record RootlessUser(string Name, long Uid, string Home, SubordinateIds Subordinate)
{
    /// <summary>The TUN device slirp4netns and pasta open.</summary>
    public const string TunDevice = "/dev/net/tun";

    /// <summary>Its runtime directory (XDG_RUNTIME_DIR, /run/user/UID, as pam_systemd would make it).</summary>
    public string RuntimeDirectory => RuntimeDirectoryOf(Uid);

    /// <summary>The runtime directory of <paramref name="uid"/>.</summary>
    public static string RuntimeDirectoryOf(long uid) => $"/run/user/{uid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Creates the user <paramref name="name"/> (it must not exist) with all of the above.</summary>
    public static async Task<RootlessUser> CreateAsync(string name, CancellationToken cancellationToken)
    {
        await Tool.RunAsync("useradd", ["--create-home", "--shell", "/usr/sbin/nologin", name], cancellationToken);
        var uid = long.Parse((await Tool.RunAsync("id", ["-u", name], cancellationToken)).StandardOutput.Trim(), CultureInfo.InvariantCulture);
        var home = (await Tool.RunAsync("getent", ["passwd", name], cancellationToken)).StandardOutput.Trim().Split(':')[5];
        var subordinate = SubordinateIds.Of(await File.ReadAllTextAsync(SubordinateIds.UidFile, cancellationToken), name)
            ?? throw new TechniqueUnavailableException(
                $"useradd gave {name} no subordinate uids in {SubordinateIds.UidFile}: set SUB_UID_COUNT and SUB_GID_COUNT in /etc/login.defs (Debian's default: 65536).");
        if (SubordinateIds.Of(await File.ReadAllTextAsync(SubordinateIds.GidFile, cancellationToken), name) is null)
        {
            throw new TechniqueUnavailableException($"useradd gave {name} no subordinate gids in {SubordinateIds.GidFile}: set SUB_GID_COUNT in /etc/login.defs.");
        }

        var user = new RootlessUser(name, uid, home, subordinate);
        await Tool.RunAsync("install", ["-d", "-m", "700", "-o", name, "-g", name, user.RuntimeDirectory], cancellationToken);
        await Tool.RunAsync("setfacl", ["-m", $"u:{name}:rw", TunDevice], cancellationToken);
        return user;
    }

    /// <summary>The command line that runs <paramref name="program"/> as this user in a clean environment from its home
    /// (<c>runuser</c> keeps root's environment and directory otherwise, and Podman reads both), with SIGPIPE back at its
    /// default: .NET ignores it, children inherit that, and pasta 2023-03-09 then fails with "Couldn't install signal
    /// handlers" (it takes signal(2)'s non-zero return, the previous SIG_IGN, for an error).</summary>
    public IReadOnlyList<string> As(string program, IReadOnlyList<string> arguments) =>
    [
        "-u", Name, "--", "env", "-i", "--default-signal=PIPE", "-C", Home, $"HOME={Home}", $"USER={Name}", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
        $"XDG_RUNTIME_DIR={RuntimeDirectory}", program, .. arguments,
    ];

    /// <summary>Runs <paramref name="program"/> as this user (<see cref="As"/>).</summary>
    public Task<ToolResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false) =>
        Tool.RunAsync("runuser", As(program, arguments), cancellationToken, allowFailure);
}
