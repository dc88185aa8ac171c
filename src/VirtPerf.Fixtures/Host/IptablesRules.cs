using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's rules in iptables' DOCKER-USER chain (Docker's documented place for the host's own forwarding
/// rules), each tagged with a comment that is a project resource name. Listed and removed by that comment.
/// </summary>
public sealed class IptablesRules : IHostResources
{
    /// <summary>The chain the project's forwarding rules live in.</summary>
    public const string Chain = "DOCKER-USER";

    /// <summary>The rules of the DOCKER-USER chain.</summary>
    public static IptablesRules DockerUser { get; } = new();

    /// <inheritdoc />
    public string Kind => "iptables rule";

    /// <summary>Lets forwarded traffic in and out of <paramref name="link"/>, ahead of Docker's own FORWARD DROP policy;
    /// nothing to do where no Docker engine has set that up (no DOCKER-USER chain).</summary>
    public static async Task AcceptForwardingAsync(string comment, string link, CancellationToken cancellationToken = default)
    {
        if (!Tool.IsInstalled("iptables") || (await Tool.RunAsync("iptables", ["-S", Chain], cancellationToken, allowFailure: true)).ExitCode != 0)
        {
            return;
        }

        foreach (var direction in new[] { "-i", "-o" })
        {
            await Tool.RunAsync(
                "iptables", ["-I", Chain, direction, link, "-m", "comment", "--comment", comment, "-j", "ACCEPT"], cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        (await RulesAsync(cancellationToken))
            .Select(rule => CommentOf(rule))
            .OfType<string>()
            .Where(comment => ResourceNames.RunIdOf(comment) is not null)
            .Distinct()
            .ToList();

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var rule in (await RulesAsync(cancellationToken)).Where(r => CommentOf(r) == name))
        {
            // iptables -S prints "-A CHAIN spec"; the same spec after -D deletes exactly that rule.
            await Tool.RunAsync("iptables", ["-D", .. rule[1..]], cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string[]>> RulesAsync(CancellationToken cancellationToken)
    {
        if (!Tool.IsInstalled("iptables"))
        {
            return [];
        }

        // No DOCKER-USER chain (no Docker engine ever ran): no rules of ours either.
        var run = await Tool.RunAsync("iptables", ["-S", Chain], cancellationToken, allowFailure: true);
        return run.ExitCode != 0
            ? []
            : run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.StartsWith("-A ", StringComparison.Ordinal))
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToList();
    }

    private static string? CommentOf(string[] rule)
    {
        var index = Array.IndexOf(rule, "--comment");
        return index >= 0 && index + 1 < rule.Length ? rule[index + 1].Trim('"') : null;
    }
}
