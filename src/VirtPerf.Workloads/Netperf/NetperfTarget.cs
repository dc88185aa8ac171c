namespace VirtPerf.Workloads.Netperf;

/// <summary>Where netserver listens for the load generator.</summary>
/// <param name="Host">The SUT's address as the client reaches it.</param>
/// <param name="ControlPort">netserver's control port (netperf's <c>-p</c>).</param>
/// <param name="DataPort">A fixed data-connection port on the SUT (netperf's test option <c>-P ,port</c>), which NAT
/// paths need because only published ports are forwarded; null lets netserver pick one.</param>
/// <param name="RemoteCpu">Whether netserver is asked for the SUT's CPU utilization (netperf's <c>-C</c>); false where
/// the SUT cannot measure it: netserver reads /proc/stat for it, which OSv lacks, and exits when asked.</param>
/// <param name="DataOnHost">Whether netserver binds its data socket to <paramref name="Host"/> (netperf's test option
/// <c>-H</c>) instead of every address: two bare-metal netservers on one machine (two runs, or the calibration's two
/// sides) with fixed data ports would otherwise collide on 0.0.0.0:port, and so would a NAT's published port.</param>
public sealed record NetperfTarget(
    string Host, int ControlPort = NetperfTarget.DefaultControlPort, int? DataPort = null, bool RemoteCpu = true, bool DataOnHost = false)
{
    /// <summary>netserver's default control port (netserver(1)).</summary>
    public const int DefaultControlPort = 12865;
}
