using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's rules in iptables' raw table that exempt a link's traffic from connection tracking
/// (<c>-j CT --notrack</c>), each tagged with a comment that is a project resource name.
/// </summary>
public static class ConntrackExemptions
{
    /// <summary>The table the exemptions live in: it is traversed before conntrack looks at a packet
    /// (iptables(8), TABLES: raw).</summary>
    public const string Table = "raw";

    /// <summary>The exemptions in this machine's raw table, listed and removed by comment.</summary>
    public static IptablesRules Raw { get; } = new(LocalSutHost.Instance, Table, chain: null, "conntrack exemption");

    /// <summary>Exempts traffic in and out of <paramref name="link"/> (in this network namespace) from connection
    /// tracking, all of it or only that of this host's TCP and UDP <paramref name="ports"/>; returns why it cannot (no
    /// iptables, no raw table, no CT target), or null once it is exempt.</summary>
    public static async Task<string?> ExemptAsync(
        string comment, string link, CancellationToken cancellationToken = default, IReadOnlyList<int>? ports = null)
    {
        if (!Tool.IsInstalled("iptables"))
        {
            return "iptables is not installed";
        }

        // Incoming packets meet raw PREROUTING, the host's own outgoing ones raw OUTPUT (iptables-extensions(8), CT);
        // the host's ports are the destination of what comes in and the source of what goes out (multiport).
        var list = ports is null ? null : string.Join(',', ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var rules =
            from side in new[] { (Chain: "PREROUTING", Direction: "-i", Ports: "--dports"), (Chain: "OUTPUT", Direction: "-o", Ports: "--sports") }
            from protocol in list is null ? [""] : new[] { "tcp", "udp" }
            select (string[])[
                "-w", "-t", Table, "-I", side.Chain, side.Direction, link,
                .. (list is null ? [] : new[] { "-p", protocol, "-m", "multiport", side.Ports, list }),
                "-m", "comment", "--comment", comment, "-j", "CT", "--notrack",
            ];
        foreach (var rule in rules)
        {
            var add = await Tool.RunAsync("iptables", rule, cancellationToken, allowFailure: true);
            if (add.ExitCode != 0)
            {
                await Raw.RemoveAsync(comment, cancellationToken);
                return $"iptables cannot add a raw-table NOTRACK rule here: {add.StandardError.Trim()}";
            }
        }

        return null;
    }
}
