using System.Text.RegularExpressions;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's cgroups in the host's CPU controller hierarchy, named <c>vnp-RUNID-ROLE</c> directly under its root:
/// cgroup v1's <c>cpu</c> hierarchy or cgroup v2's unified one, whichever has the cpu controller (chosen at run time).
/// Listed by name; removed by moving any process still inside to the root, then rmdir (cgroups(7)).
/// </summary>
public sealed partial class CpuCgroups : IHostResources
{
    private const int RemoveAttempts = 50;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    private CpuCgroups(string? root, int version, string? unavailable)
    {
        Root = root;
        Version = version;
        Unavailable = unavailable;
    }

    /// <summary>The hierarchy this host mounts (from /proc/self/mounts).</summary>
    public static CpuCgroups Host { get; } = Locate("/proc/self/mounts");

    /// <inheritdoc />
    public string Kind => "cpu cgroup";

    /// <summary>The hierarchy's root directory (e.g. <c>/sys/fs/cgroup/cpu</c>), or null when there is none.</summary>
    public string? Root { get; }

    /// <summary>1 for cgroup v1, 2 for cgroup v2, 0 when no hierarchy offers the cpu controller.</summary>
    public int Version { get; }

    /// <summary>Why no CPU quota can be set here (with the fix), or null.</summary>
    public string? Unavailable { get; }

    /// <summary>The hierarchy a mount table (proc(5) format: device, mount point, type, options, ...) describes:
    /// a v1 <c>cgroup</c> mount whose options name <c>cpu</c> if there is one, else a <c>cgroup2</c> mount offering cpu.</summary>
    public static CpuCgroups Locate(string mountsFile)
    {
        string[][] mounts;
        try
        {
            mounts = File.ReadAllLines(mountsFile).Select(l => l.Split(' ')).Where(f => f.Length >= 4).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CpuCgroups(null, 0, $"the mount table {mountsFile} cannot be read ({e.Message}).");
        }

        if (mounts.FirstOrDefault(f => f[2] == "cgroup" && f[3].Split(',').Contains("cpu")) is { } v1)
        {
            return new CpuCgroups(Unescape(v1[1]), 1, null);
        }

        var unified = mounts.Where(f => f[2] == "cgroup2").Select(f => Unescape(f[1])).ToList();
        if (unified.FirstOrDefault(root => Words(Path.Combine(root, "cgroup.controllers")).Contains("cpu")) is { } v2)
        {
            return new CpuCgroups(v2, 2, null);
        }

        return new CpuCgroups(null, 0, unified.Count == 0
            ? $"no cgroup file system is mounted ({mountsFile} lists none): mount cgroup2 on /sys/fs/cgroup, or cgroup v1's cpu controller on /sys/fs/cgroup/cpu."
            : $"no cgroup hierarchy offers the cpu controller (cgroup2 at {string.Join(", ", unified)} lists none in cgroup.controllers, and no cgroup v1 cpu hierarchy is mounted).");
    }

    /// <summary>The directory of the project's cgroup <paramref name="name"/>.</summary>
    public string PathOf(string name)
    {
        if (ResourceNames.RunIdOf(name) is null)
        {
            throw new ArgumentException($"'{name}' is not a project resource name (vnp-RUNID-ROLE).", nameof(name));
        }

        return Path.Combine(Root ?? throw new CpuQuotaUnavailableException(Unavailable!), name);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Root is null || !Directory.Exists(Root)
            ? []
            : Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(n => ResourceNames.RunIdOf(n) is not null).ToList());

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (Root is null)
        {
            return;
        }

        var path = PathOf(name);
        for (var attempt = 1; Directory.Exists(path); attempt++)
        {
            // rmdir fails (EBUSY) while processes are inside, and a forking server may add one meanwhile: move them
            // out to the root, then retry (cgroups(7), "Creating cgroups and moving processes").
            foreach (var pid in Processes(path))
            {
                TryMove(Root, pid);
            }

            try
            {
                Directory.Delete(path); // not recursive: rmdir(2), the only way to remove a cgroup
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < RemoveAttempts)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"Could not remove {Kind} {path} ({e.Message}); processes still inside: {string.Join(", ", Processes(path))}.", e);
            }
        }
    }

    // proc(5): spaces, tabs, newlines and backslashes in a mount point appear as octal escapes (\040).
    private static string Unescape(string field) =>
        OctalEscape().Replace(field, m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    [GeneratedRegex(@"\\([0-7]{3})")]
    private static partial Regex OctalEscape();
}
