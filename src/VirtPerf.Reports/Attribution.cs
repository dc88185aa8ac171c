using System.Text;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Reports;

/// <summary>
/// What each design choice costs, from one run: a factor is two techniques that differ in that one choice (NAT or a
/// bridge, vhost-net or QEMU's virtio, offload on or off, OSv or Linux), and its cost the difference of their paired
/// overheads, with the regression gate's interval of a difference (Hodges-Lehmann shift of one row's pairs' log cost
/// ratios over the other's, Mann-Whitney on effective n). Each row was paired with its own bare metal, so the drift
/// between the two rows' times cancels.
/// </summary>
public static class Attribution
{
    /// <summary>The factors, as the study and the later techniques define them.</summary>
    public static IReadOnlyList<Factor> Factors { get; } =
    [
        new("NAT vs bridge", "DockerNat", "DockerBridge", "NAT", "bridged networking"),
        new("vhost vs virtio (Linux)", "LinuxVhost", "LinuxVirtio", "vhost-net", "QEMU's virtio-net"),
        new("vhost vs virtio (OSv)", "OSvVhost", "OSvVirtio", "vhost-net under OSv", "QEMU's virtio-net under OSv"),
        new("offload on vs off (virtio)", "LinuxVirtioOffload", "LinuxVirtio", "offload", "no offload on virtio-net"),
        new("offload on vs off (vhost)", "LinuxVhostOffload", "LinuxVhost", "offload", "no offload on vhost-net"),
        new("unikernel vs Linux (virtio)", "OSvVirtio", "LinuxVirtioOffload", "the OSv unikernel", "a Linux guest on virtio-net"),
        new("unikernel vs Linux (vhost)", "OSvVhost", "LinuxVhostOffload", "the OSv unikernel", "a Linux guest on vhost-net"),
        new("bridge vs host network", "DockerBridge", "DockerHost", "a veth and a bridge", "the host's network"),
        new("macvlan vs bridge", "DockerMacvlan", "DockerBridge", "a macvlan on the cable", "a veth and a bridge"),
        new("gVisor netstack vs passthrough", "GVisor", "GVisorHostNet", "gVisor's network stack", "its host network passthrough"),
        new("gVisor vs runc", "GVisorHostNet", "DockerBridge", "gVisor's sandbox", "runc"),
        new("slirp vs tap (guest)", "LinuxUserNet", "LinuxVirtioOffload", "QEMU's user-mode networking", "a tap on a bridge"),
        new("passt vs slirp (guest)", "LinuxPasst", "LinuxUserNet", "passt", "QEMU's user-mode networking"),
        new("slirp4netns vs pasta (rootless)", "RootlessSlirp", "RootlessPasta", "slirp4netns with rootlessport", "pasta"),
    ];

    /// <summary>Every factor's cost in every scenario where both its techniques have paired rows, on each scenario's
    /// headline metric; not where either delivered nothing (a stream under TCG): no ratio tells 0 from 0.</summary>
    public static IReadOnlyList<FactorCost> Of(RunReport report) =>
        (from factor in Factors
         from scenario in report.Scenarios
         let metric = Scenarios.HeadlineMetric(scenario)
         let with = Paired(report, factor.With, scenario, metric)
         let without = Paired(report, factor.Without, scenario, metric)
         where with is not null && without is not null
         select new FactorCost(factor, scenario, metric, OverheadIntervals.Difference(metric, with, without, OverheadGate.DefaultConfidence)))
        .ToList();

    private static IReadOnlyList<double>? Paired(RunReport report, string technique, Scenario scenario, Metric metric) =>
        report.Row(technique, scenario) is { } row ? RunReport.LogRatios(row, metric) : null;

    /// <summary>The section of summary.md: a factor x scenario table, then a sentence per cost whose interval excludes 0.</summary>
    public static string Markdown(IReadOnlyList<FactorCost> costs)
    {
        var md = new StringBuilder("\n## What each factor costs\n\n");
        if (costs.Count == 0)
        {
            return md.Append("No factor to attribute: it takes paired rows of both techniques of a factor (e.g. DockerNat and DockerBridge).\n").ToString();
        }

        md.Append(Invariant($"How much more one technique costs than the other, which differ in one design choice: the difference of their paired overheads of each scenario's headline metric, in percent of the second's cost, with its {OverheadGate.DefaultConfidence * 100:0}% interval; positive: the first costs more.\n\n"));
        var scenarios = costs.Select(c => c.Scenario).Distinct().Order().ToList();
        md.Append("| factor (first − second) | ").AppendJoin(" | ", scenarios).Append(" |\n|---|").Append(string.Concat(scenarios.Select(_ => "---|"))).Append('\n');
        foreach (var factor in costs.Select(c => c.Factor).Distinct())
        {
            md.Append(Invariant($"| {factor.Name} ({factor.With} − {factor.Without}) | "));
            md.AppendJoin(" | ", scenarios.Select(s => costs.FirstOrDefault(c => c.Factor == factor && c.Scenario == s) is { } c ? c.Cell : "")).Append(" |\n");
        }

        var clear = costs.Where(c => c.Difference.Low > 0 || c.Difference.High < 0).ToList();
        md.Append('\n').AppendJoin('\n', clear.Select(c => $"- {c.Sentence}")).Append(clear.Count > 0 ? "\n" : "No factor's cost is clear of 0 at this confidence.\n");
        return md.ToString();
    }
}

/// <summary>A design choice: <paramref name="With"/> makes it, <paramref name="Without"/> does not, and nothing else
/// differs between them.</summary>
/// <param name="Name">The factor, e.g. <c>NAT vs bridge</c>.</param>
/// <param name="With">The technique that makes the choice.</param>
/// <param name="Without">The technique that does not.</param>
/// <param name="Choice">The choice in a sentence's words.</param>
/// <param name="Alternative">What it is compared with, in a sentence's words.</param>
public sealed record Factor(string Name, string With, string Without, string Choice, string Alternative);

/// <summary>What <paramref name="Factor"/> costs in <paramref name="Scenario"/>'s <paramref name="Metric"/>.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Metric">Its headline metric.</param>
/// <param name="Difference">How much more the first technique's paired overhead is than the second's, in percent.</param>
public sealed record FactorCost(Factor Factor, Scenario Scenario, Metric Metric, Interval Difference)
{
    /// <summary>The table cell: estimate and interval, or why there is none.</summary>
    public string Cell => double.IsFinite(Difference.Low) && double.IsFinite(Difference.High)
        ? Invariant($"{Difference.Estimate:+0;-0;0}% [{Difference.Low:+0;-0;0}, {Difference.High:+0;-0;0}]")
        : Invariant($"{Difference.Estimate:+0;-0;0}% (too few pairs)");

    /// <summary>The plain sentence, e.g. "NAT adds 18% [12, 25] to TCP_RR LatencyP50 over bridged networking".</summary>
    public string Sentence
    {
        get
        {
            var (estimate, low, high) = (Difference.Estimate, Difference.Low, Difference.High);
            var pair = $"({Factor.With} − {Factor.Without})";
            if (!Metrics.HigherIsBetter(Metric))
            {
                return estimate >= 0
                    ? Invariant($"{Factor.Choice} adds {estimate:0}% [{low:0}, {high:0}] to {Scenario} {Metric} over {Factor.Alternative} {pair}")
                    : Invariant($"{Factor.Choice} cuts {Scenario} {Metric} by {-estimate:0}% [{-high:0}, {-low:0}] against {Factor.Alternative} {pair}");
            }

            // A throughput or rate overhead is the share lost; a gain is better told as a multiple.
            return estimate >= 0
                ? Invariant($"{Factor.Choice} loses {estimate:0}% [{low:0}, {high:0}] of the {Scenario} {Metric} that {Factor.Alternative} delivers {pair}")
                : Invariant($"{Factor.Choice} delivers {1 - (estimate / 100):0.0#}x [{1 - (high / 100):0.0#}, {1 - (low / 100):0.0#}] the {Scenario} {Metric} of {Factor.Alternative} {pair}");
        }
    }
}
