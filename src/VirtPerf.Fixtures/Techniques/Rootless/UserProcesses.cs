using System.Diagnostics;
using System.Globalization;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>
/// The processes a project user runs: those whose real or effective uid is the user's or lies in its subordinate range
/// (a rootless container's processes, mapped through its user namespace). Found in /proc by uid, ended by pid.
/// </summary>
public static class UserProcesses
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>The live (not zombie) processes whose uid <paramref name="owned"/> accepts.</summary>
    public static IReadOnlyList<int> Of(Func<long, bool> owned, string proc = "/proc")
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories(proc))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(Path.Combine(directory, "status")) is { } status
                && Uids(status) is { } uids && uids.Any(owned) && !IsZombie(status))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>The real and effective uid of a proc(5) status file's text (its <c>Uid:</c> line), or null.</summary>
    public static long[]? Uids(string status)
    {
        var line = status.Split('\n').FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line?["Uid:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 2 } ? [.. fields.Take(2).Select(f => long.Parse(f, CultureInfo.InvariantCulture))] : null;
    }

    /// <summary>Ends every process <paramref name="owned"/> accepts: SIGTERM, up to 5 s to exit, then SIGKILL; returns the
    /// pids it signalled.</summary>
    public static async Task<IReadOnlyList<int>> EndAsync(Func<long, bool> owned, CancellationToken cancellationToken)
    {
        var signalled = new SortedSet<int>();
        foreach (var signal in new[] { "TERM", "KILL" })
        {
            var pids = Of(owned);
            if (pids.Count == 0)
            {
                break;
            }

            signalled.UnionWith(pids);
            await VirtPerf.Cli.Tool.RunAsync("kill", [$"-{signal}", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))], cancellationToken, allowFailure: true);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Grace && Of(owned).Count > 0)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        return [.. signalled];
    }

    private static bool IsZombie(string status) =>
        status.Split('\n').FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) is { } state
        && state["State:".Length..].TrimStart() is var s && (s.StartsWith('Z') || s.StartsWith('X'));

    private static string? Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
