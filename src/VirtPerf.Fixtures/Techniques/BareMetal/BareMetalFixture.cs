using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.BareMetal;

/// <summary>The baseline: the payload runs directly on the SUT host (this one, or a remote one over SSH), reached over
/// the testbed cable.</summary>
public sealed class BareMetalFixture(TestbedFixture run) : TechniqueFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "BareMetal";

    private Netserver? _netserver;
    private MemcachedServer? _memcached;

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override async Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        _netserver = await Netserver.StartAsync(
            testbed.HostAddress, Netserver.DefaultPort, Run.RunId, Run.Registry, cancellationToken, testbed.Sut);
        _memcached = await MemcachedServer.StartAsync(
            testbed.HostAddress, Run.RunId, Run.Registry, cancellationToken, host: testbed.Sut);
        return new SutEndpoint(testbed.HostAddress, Netserver.DefaultPort, MemcachedServer.DefaultPort);
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        if (_memcached is not null)
        {
            await _memcached.DisposeAsync();
        }

        if (_netserver is not null)
        {
            await _netserver.DisposeAsync();
        }
    }
}
