using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// Names of every host resource VirtNetPerf creates: <c>vnp-RUNID-ROLE</c>, so the owner run of any namespace, link,
/// bridge or tap can be read back from its name (and a link name stays within Linux's 15 characters).
/// </summary>
public static partial class ResourceNames
{
    /// <summary>The project's prefix on every host resource.</summary>
    public const string Prefix = "vnp";

    /// <summary>A new run id: six lowercase hex digits.</summary>
    public static string NewRunId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>The name of a resource of <paramref name="runId"/> with a short <paramref name="role"/>, e.g. <c>vnp-1a2b3c-h</c>.</summary>
    public static string For(string runId, string role)
    {
        if (!RunIdPattern().IsMatch(runId))
        {
            throw new ArgumentException($"'{runId}' is not a run id (six lowercase hex digits).", nameof(runId));
        }

        if (!RolePattern().IsMatch(role))
        {
            throw new ArgumentException($"'{role}' is not a resource role (1 to 4 lowercase letters or digits).", nameof(role));
        }

        return $"{Prefix}-{runId}-{role}";
    }

    /// <summary>The run id a project resource name carries, or null for a name that is not the project's.</summary>
    public static string? RunIdOf(string name)
    {
        var match = NamePattern().Match(name);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("^[0-9a-f]{6}$")]
    private static partial Regex RunIdPattern();

    [GeneratedRegex("^[a-z0-9]{1,4}$")]
    private static partial Regex RolePattern();

    [GeneratedRegex("^vnp-([0-9a-f]{6})-[a-z0-9]{1,4}$")]
    private static partial Regex NamePattern();
}
