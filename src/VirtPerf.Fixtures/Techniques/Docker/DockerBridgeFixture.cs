using System.Net;
using DotNet.Testcontainers.Builders;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>Docker, bridged (thesis technique 8): the client reaches the container's own address, routed through the
/// host, with no NAT anywhere on the path (the network's masquerading is off too).</summary>
public sealed class DockerBridgeFixture(TestbedFixture run) : DockerFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "DockerBridge";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "dbr";

    /// <inheritdoc />
    protected override bool Masquerade => false;

    /// <inheritdoc />
    protected override bool ReachesContainerAddress => true;

    /// <inheritdoc />
    protected override ContainerBuilder Configure(ContainerBuilder container, Testbed testbed) => container;

    /// <inheritdoc />
    protected override SutEndpoint EndpointOf(IPAddress containerAddress, Testbed testbed) =>
        new(containerAddress, Netserver.DefaultPort, MemcachedServer.DefaultPort);
}
