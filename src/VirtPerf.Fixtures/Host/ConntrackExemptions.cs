using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's rules in iptables' raw table that exempt a link's traffic from connection tracking
/// (<c>-j CT --notrack</c>), each tagged with a comment that is a project resource name. Listed and removed by that
/// comment.
/// </summary>
public sealed class ConntrackExemptions : IHostResources
{
    /// <summary>The table the exemptions live in: it is traversed before conntrack looks at a packet
    /// (iptables(8), TABLES: raw).</summary>
    public const string Table = "raw";

    /// <summary>The exemptions in the raw table.</summary>
    public static ConntrackExemptions Raw { get; } = new();

    /// <inheritdoc />
    public string Kind => "conntrack exemption";

    /// <summary>Exempts traffic in and out of <paramref name="link"/> (in this network namespace) from connection
    /// tracking; returns why it cannot (no iptables, no raw table, no CT target), or null once it is exempt.</summary>
    public static async Task<string?> ExemptAsync(string comment, string link, CancellationToken cancellationToken = default)
    {
        if (!Tool.IsInstalled("iptables"))
        {
            return "iptables is not installed";
        }

        // Incoming packets meet raw PREROUTING, the host's own outgoing ones raw OUTPUT (iptables-extensions(8), CT).
        foreach (var (chain, direction) in new[] { ("PREROUTING", "-i"), ("OUTPUT", "-o") })
        {
            var add = await Tool.RunAsync(
                "iptables",
                [
                    "-w", "-t", Table, "-I", chain, direction, link,
                    "-m", "comment", "--comment", comment, "-j", "CT", "--notrack",
                ],
                cancellationToken,
                allowFailure: true);
            if (add.ExitCode != 0)
            {
                await Raw.RemoveAsync(comment, cancellationToken);
                return $"iptables cannot add a raw-table NOTRACK rule here: {add.StandardError.Trim()}";
            }
        }

        return null;
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
            await Tool.RunAsync("iptables", ["-w", "-t", Table, "-D", .. rule[1..]], cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string[]>> RulesAsync(CancellationToken cancellationToken)
    {
        if (!Tool.IsInstalled("iptables"))
        {
            return [];
        }

        // No raw table (or no right to read it): no rules of ours either.
        var run = await Tool.RunAsync("iptables", ["-w", "-t", Table, "-S"], cancellationToken, allowFailure: true);
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
