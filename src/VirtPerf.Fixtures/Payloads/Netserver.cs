using System.Globalization;
using System.Net;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>netserver on the SUT host, bound to the testbed address, in the foreground so we own its process.</summary>
public sealed class Netserver : PayloadProcess
{
    /// <summary>netserver's default control port (netserver(1)).</summary>
    public const int DefaultPort = 12865;

    private Netserver(SutProcess process)
        : base(process)
    {
    }

    /// <summary>Starts netserver on <paramref name="address"/>:<paramref name="port"/> of <paramref name="host"/>
    /// (this machine when null) and waits until it accepts connections.</summary>
    public static Task<Netserver> StartAsync(
        IPAddress address, int port, string runId, RunRegistry registry, CancellationToken cancellationToken = default, SutHost? host = null) =>
        // -D: stay in the foreground (we own the pid); -4 -L: listen on the testbed address only; -f: serve each test in
        // this process rather than a child per test, whose CPU time /proc would lose (netserver ignores SIGCHLD, so
        // reaped children add nothing to its cutime): bare metal's cost is then its servers' own (ProcessTreeCpu).
        // The rows run one test at a time, as OSv's netserver (which cannot fork) does.
        StartAsync(
            host, "netserver", ["-D", "-4", "-f", "-L", address.ToString(), "-p", port.ToString(CultureInfo.InvariantCulture)],
            address, port, runId, $"n{port % 1000}", registry,
            "run scripts/setup.sh there (it installs netperf from Debian's non-free component).",
            process => new Netserver(process), cancellationToken);
}
