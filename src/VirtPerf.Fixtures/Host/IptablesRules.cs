using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's iptables rules of one kind on one SUT host, each tagged with a comment that is a project resource
/// name, listed and removed by that comment: forwarding rules in the DOCKER-USER chain (Docker's documented place for
/// the host's own forwarding rules), or the conntrack exemptions in the raw table (<see cref="ConntrackExemptions"/>).
/// </summary>
public sealed class IptablesRules : IHostResources
{
    /// <summary>The chain the project's forwarding rules live in.</summary>
    public const string Chain = "DOCKER-USER";

    private readonly SutHost _host;
    private readonly string[] _table;
    private readonly string? _chain;
    private readonly string _kind;

    /// <summary>The forwarding rules in <paramref name="host"/>'s DOCKER-USER chain.</summary>
    public IptablesRules(SutHost host)
        : this(host, "filter", Chain, "iptables rule")
    {
    }

    /// <summary>The rules in <paramref name="table"/> (only in <paramref name="chain"/>, when given), called
    /// <paramref name="kind"/> in cleanup reports.</summary>
    internal IptablesRules(SutHost host, string table, string? chain, string kind)
    {
        _host = host;
        _table = ["-w", "-t", table];
        _chain = chain;
        _kind = kind;
    }

    /// <summary>The rules of this machine's DOCKER-USER chain.</summary>
    public static IptablesRules DockerUser { get; } = new(LocalSutHost.Instance);

    /// <inheritdoc />
    public string Kind => _host is LocalSutHost ? _kind : $"{_kind} on {_host.Description}";

    /// <summary>Lets forwarded traffic in and out of <paramref name="link"/>, ahead of Docker's own FORWARD DROP policy;
    /// nothing to do where no Docker engine has set that up (no DOCKER-USER chain).</summary>
    public async Task AcceptForwardingAsync(string comment, string link, CancellationToken cancellationToken = default)
    {
        if (!await _host.IsInstalledAsync("iptables", cancellationToken)
            || (await _host.RunAsync("iptables", [.. _table, "-S", Chain], cancellationToken, allowFailure: true)).ExitCode != 0)
        {
            return;
        }

        foreach (var direction in new[] { "-i", "-o" })
        {
            await _host.RunAsync(
                "iptables", [.. _table, "-I", Chain, direction, link, "-m", "comment", "--comment", comment, "-j", "ACCEPT"], cancellationToken);
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
            // iptables -S prints "-A CHAIN spec"; the same spec after -D deletes exactly that rule. A signal's cleanup
            // and the run's own disposal may remove the same rule at once: one that is gone is removed.
            var delete = await _host.RunAsync("iptables", [.. _table, "-D", .. rule[1..]], cancellationToken, allowFailure: true);
            if (delete.ExitCode != 0 && (await RulesAsync(cancellationToken)).Any(r => r.SequenceEqual(rule)))
            {
                throw new ToolException($"iptables could not delete the rule '{string.Join(' ', rule)}'.", delete);
            }
        }
    }

    private async Task<IReadOnlyList<string[]>> RulesAsync(CancellationToken cancellationToken)
    {
        if (!await _host.IsInstalledAsync("iptables", cancellationToken))
        {
            return [];
        }

        // No such chain (no Docker engine ever ran) or table, or no right to read it: no rules of ours either.
        var run = await _host.RunAsync("iptables", [.. _table, "-S", .. _chain is null ? Array.Empty<string>() : [_chain]], cancellationToken, allowFailure: true);
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
