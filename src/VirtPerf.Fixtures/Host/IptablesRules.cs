using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's rules in iptables' DOCKER-USER chain (Docker's documented place for the host's own forwarding
/// rules) of one SUT host, each tagged with a comment that is a project resource name. Listed and removed by that
/// comment.
/// </summary>
public sealed class IptablesRules(SutHost host) : IHostResources
{
    /// <summary>The chain the project's forwarding rules live in.</summary>
    public const string Chain = "DOCKER-USER";

    /// <summary>The rules of this machine's DOCKER-USER chain.</summary>
    public static IptablesRules DockerUser { get; } = new(LocalSutHost.Instance);

    /// <inheritdoc />
    public string Kind => host is LocalSutHost ? "iptables rule" : $"iptables rule on {host.Description}";

    /// <summary>Lets forwarded traffic in and out of <paramref name="link"/>, ahead of Docker's own FORWARD DROP policy;
    /// nothing to do where no Docker engine has set that up (no DOCKER-USER chain).</summary>
    public async Task AcceptForwardingAsync(string comment, string link, CancellationToken cancellationToken = default)
    {
        if (!await host.IsInstalledAsync("iptables", cancellationToken)
            || (await host.RunAsync("iptables", ["-S", Chain], cancellationToken, allowFailure: true)).ExitCode != 0)
        {
            return;
        }

        foreach (var direction in new[] { "-i", "-o" })
        {
            await host.RunAsync(
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
            await host.RunAsync("iptables", ["-D", .. rule[1..]], cancellationToken);
        }
    }

    private async Task<IReadOnlyList<string[]>> RulesAsync(CancellationToken cancellationToken)
    {
        if (!await host.IsInstalledAsync("iptables", cancellationToken))
        {
            return [];
        }

        // No DOCKER-USER chain (no Docker engine ever ran): no rules of ours either.
        var run = await host.RunAsync("iptables", ["-S", Chain], cancellationToken, allowFailure: true);
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
