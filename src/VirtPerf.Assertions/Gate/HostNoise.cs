using System.Globalization;

namespace VirtPerf.Assertions.Gate;

/// <summary>How busy the SUT host was while a row ran: what else shares the machine decides how much a verdict can
/// say, so it is recorded with the verdict.</summary>
/// <param name="LoadBefore">1-minute load average when the row started.</param>
/// <param name="LoadAfter">1-minute load average when it ended.</param>
/// <param name="StealPercent">CPU time stolen by the hypervisor under this machine over the row, in percent.</param>
/// <param name="Cores">The host's CPUs, to read the load against.</param>
public sealed record HostNoise(double LoadBefore, double LoadAfter, double StealPercent, int Cores)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"load {LoadBefore:0.0} to {LoadAfter:0.0} on {Cores} CPUs, steal {StealPercent:0.0}%");
}
