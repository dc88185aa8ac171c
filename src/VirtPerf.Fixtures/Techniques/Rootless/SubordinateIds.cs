using System.Globalization;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>A user's range of subordinate ids in /etc/subuid or /etc/subgid (subuid(5): <c>NAME:START:COUNT</c> per
/// line), the ids its user namespaces map (a rootless container's processes run as them).</summary>
/// <param name="Start">The first id of the range.</param>
/// <param name="Count">How many ids the range holds.</param>
public sealed record SubordinateIds(long Start, long Count)
{
    /// <summary>/etc/subuid.</summary>
    public const string UidFile = "/etc/subuid";

    /// <summary>/etc/subgid.</summary>
    public const string GidFile = "/etc/subgid";

    /// <summary>True when <paramref name="id"/> lies in the range.</summary>
    public bool Contains(long id) => id >= Start && id < Start + Count;

    /// <summary>The first range of <paramref name="user"/> in <paramref name="text"/> (a subuid(5) file), or null.</summary>
    public static SubordinateIds? Of(string text, string user) => Lines(text)
        .Select(l => l.Split(':'))
        .Where(f => f.Length == 3 && f[0] == user)
        .Select(f => long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? new SubordinateIds(start, count) : null)
        .FirstOrDefault(r => r is not null);

    /// <summary>The names that own ranges in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Owners(string text) => Lines(text).Select(l => l.Split(':')[0]);

    /// <summary><paramref name="text"/> without the lines of <paramref name="user"/>.</summary>
    public static string Without(string text, string user) =>
        string.Join('\n', text.Split('\n').Where(l => l.Split(':')[0] != user));

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'));
}
