using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>
/// Bare metal's servers for one row: netserver and memcached on the host end of the cable, by default on ports of
/// their own beside a technique's (DockerNat publishes the default ports on that address), stopped after the row.
/// The calibration starts a second set on the default ports, so bare metal is paired with itself. On the local
/// testbed their ports are exempt from connection tracking while they run, as the BareMetal technique's cable is: a
/// bare-metal host without Docker tracks nothing, and TCP_CRR's connections would fill the table (README).
/// </summary>
public sealed class BareMetalServers : IAsyncDisposable
{
    /// <summary>netserver's control port beside a technique's.</summary>
    public const int PairedNetserverPort = 12866;

    /// <summary>memcached's port beside a technique's.</summary>
    public const int PairedMemcachedPort = 11212;

    /// <summary>netperf's data port beside a technique's: fixed, so its connections can be exempt from tracking.</summary>
    public const int PairedDataPort = 50002;

    private readonly List<PayloadProcess> _servers = [];
    private string? _exemption;

    private readonly int? _localCores;

    private BareMetalServers(SutEndpoint endpoint, int? localCores) => (Endpoint, _localCores) = (endpoint, localCores);

    /// <summary>Where the client reaches the servers.</summary>
    public SutEndpoint Endpoint { get; }

    /// <summary>The servers' process ids on this machine (for a CPU quota, say).</summary>
    public IReadOnlyList<int> ProcessIds => _servers.Select(s => s.ProcessId).ToList();

    /// <summary>The servers' CPU time, what bare metal's side of a row costs the host (<see cref="ProcessTreeCpu"/>);
    /// null on a remote SUT host, whose processes this machine cannot read.</summary>
    public SutHostCpuCounter? HostCpu => _localCores is { } cores ? new(() => ProcessTreeCpu.Seconds(ProcessIds), cores) : null;

    /// <summary>Starts netserver and memcached on <paramref name="testbed"/>'s SUT host at its host address, on the
    /// paired ports unless told others, as processes of <paramref name="runId"/>.</summary>
    public static async Task<BareMetalServers> StartAsync(
        Testbed testbed, string runId, RunRegistry registry, int netserverPort = PairedNetserverPort, int memcachedPort = PairedMemcachedPort,
        int dataPort = PairedDataPort, CancellationToken cancellationToken = default)
    {
        var (address, host) = (testbed.HostAddress, testbed.Sut);
        var servers = new BareMetalServers(
            new SutEndpoint(address, netserverPort, memcachedPort, dataPort, NetperfDataOnAddress: true), testbed is LocalTestbed ? host.Facts.Cores : null);
        try
        {
            if (testbed is LocalTestbed local)
            {
                var comment = ResourceNames.For(runId, $"x{netserverPort % 1000}");
                servers._exemption = await ConntrackExemptions.ExemptAsync(
                    comment, local.HostLink, cancellationToken, [netserverPort, dataPort, memcachedPort]) is null ? comment : null;
            }

            servers._servers.Add(await Netserver.StartAsync(address, netserverPort, runId, registry, cancellationToken, host));
            servers._servers.Add(await MemcachedServer.StartAsync(address, runId, registry, cancellationToken, port: memcachedPort, host: host));
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        if (_exemption is not null)
        {
            await ConntrackExemptions.Raw.RemoveAsync(_exemption, CancellationToken.None);
        }
    }
}
