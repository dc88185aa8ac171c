using System.Globalization;

namespace VirtPerf.Assertions.Gate;

/// <summary>How busy the SUT host was while a row ran: what else shares the machine decides how much a verdict can
/// say, so it is recorded with the verdict.</summary>
/// <param name="LoadBefore">1-minute load average when the row started.</param>
/// <param name="LoadAfter">1-minute load average when it ended.</param>
/// <param name="StealPercent">CPU time stolen by the hypervisor under this machine over the row, in percent.</param>
/// <param name="Cores">The host's CPUs, to read the load against.</param>
/// <param name="OtherWorkPercent">CPU time the host spent on work that is not the run's (another build, a job beside
/// it) over the row, in percent of all its CPUs; null where the run cannot tell its own processes from others'.</param>
public sealed record HostNoise(double LoadBefore, double LoadAfter, double StealPercent, int Cores, double? OtherWorkPercent = null)
{
    /// <summary>The most other work, in percent of the host's CPUs, beside which a technique whose cost follows the
    /// host's free CPU is still judged. Measured on this 2-core testbed (LinuxVirtio, TCP_RR and memcached, 8 pairs,
    /// baselines/README.md "Other work"): with 0-1% other work the rate overheads were +86..+87%, with a loop taking 8% of
    /// the host +89..+92% (one of three intervals no longer overlapping the quiet one's), with 16% +93..+94%, with one
    /// busy loop (30-56%) +96..+97%. Telling the run's own CPU from the rest is good to about 1%.</summary>
    public const double MostOtherWorkPercent = 5;

    /// <summary>True when other work took more of the host than <see cref="MostOtherWorkPercent"/>.</summary>
    public bool Busy => OtherWorkPercent > MostOtherWorkPercent;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"load {LoadBefore:0.0} to {LoadAfter:0.0} on {Cores} CPUs, {(OtherWorkPercent is { } other ? $"other work {other:0}% of the CPUs" : "other work not read")}, steal {StealPercent:0.0}%");
}
