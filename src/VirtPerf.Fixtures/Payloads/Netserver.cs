using System.Globalization;
using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>netserver on the SUT host, bound to the testbed address, in the foreground so we own its process.</summary>
public sealed class Netserver : PayloadProcess
{
    /// <summary>netserver's default control port (netserver(1)).</summary>
    public const int DefaultPort = 12865;

    private Netserver(ToolProcess process, string runId, RunRegistry registry)
        : base(process, runId, registry)
    {
    }

    /// <summary>Starts netserver on <paramref name="address"/>:<paramref name="port"/> and waits until it accepts connections.</summary>
    public static Task<Netserver> StartAsync(
        IPAddress address, int port, string runId, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        if (!Tool.IsInstalled("netserver"))
        {
            throw new TechniqueUnavailableException(
                "netserver is not installed: run scripts/setup.sh (it installs netperf from Debian's non-free component).");
        }

        // -D: stay in the foreground (we own the pid); -4 -L: listen on the testbed address only.
        return StartAsync(
            "netserver", ["-D", "-4", "-L", address.ToString(), "-p", port.ToString(CultureInfo.InvariantCulture)],
            address, port, runId, registry, process => new Netserver(process, runId, registry), cancellationToken);
    }
}
