using System.Net;

namespace VirtPerf.Fixtures.Techniques;

/// <summary>Where the load generator reaches the system under test's servers.</summary>
/// <param name="Address">The SUT's address as seen from the client namespace.</param>
/// <param name="NetserverPort">netserver's control port; null when the SUT runs no netserver (an OSv command line
/// without /netserver).</param>
/// <param name="MemcachedPort">memcached's TCP port; null when the SUT runs no memcached.</param>
/// <param name="NetperfDataPort">The fixed netperf data port when the path forwards only known ports (NAT), else null.</param>
/// <param name="ReportsCpu">Whether netserver on the SUT can measure the SUT's CPU utilization (netperf's <c>-C</c>);
/// false for OSv, which has no /proc/stat (netserver exits when asked, and OSv powers off with it).</param>
/// <param name="NetperfDataOnAddress">True when netserver runs where <paramref name="Address"/> is its own (bare metal),
/// so its data socket can be bound to that address alone rather than to every address of the host.</param>
public sealed record SutEndpoint(
    IPAddress Address, int? NetserverPort, int? MemcachedPort, int? NetperfDataPort = null, bool ReportsCpu = true,
    bool NetperfDataOnAddress = false);
