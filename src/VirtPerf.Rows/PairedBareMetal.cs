using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Rows;

/// <summary>
/// The paired mode's bare-metal SUT: netserver and memcached on the host end of the cable, on ports of their own
/// (DockerNat publishes the default ports on that address), started for one row and stopped after it.
/// </summary>
public sealed class PairedBareMetal : IAsyncDisposable
{
    /// <summary>netserver's control port beside a technique's.</summary>
    public const int NetserverPort = 12866;

    /// <summary>memcached's port beside a technique's.</summary>
    public const int MemcachedPort = 11212;

    private readonly List<IAsyncDisposable> _servers = [];

    private PairedBareMetal(SutEndpoint endpoint) => Endpoint = endpoint;

    /// <summary>Where the client reaches the paired bare-metal servers.</summary>
    public SutEndpoint Endpoint { get; }

    /// <summary>Starts netserver and memcached on the SUT host at the testbed's host address, on the paired ports.</summary>
    public static async Task<PairedBareMetal> StartAsync(TestbedFixture run)
    {
        var (address, host) = (run.Testbed!.HostAddress, run.Testbed.Sut);
        var paired = new PairedBareMetal(new SutEndpoint(address, NetserverPort, MemcachedPort));
        try
        {
            paired._servers.Add(await Netserver.StartAsync(address, NetserverPort, run.RunId, run.Registry, host: host));
            paired._servers.Add(await MemcachedServer.StartAsync(address, run.RunId, run.Registry, port: MemcachedPort, host: host));
            return paired;
        }
        catch
        {
            await paired.DisposeAsync();
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
    }
}
