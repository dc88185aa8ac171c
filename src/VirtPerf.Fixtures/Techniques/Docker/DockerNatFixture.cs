using System.Globalization;
using System.Net;
using DotNet.Testcontainers.Builders;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>
/// Docker with NAT (thesis technique 7): netserver's control port, a fixed data port (TCP and UDP) and memcached's
/// port are published on the host's cable address, so the client's packets take Docker's iptables DNAT path as an
/// outside client's would (not the userland proxy, which only serves the host's own connections).
/// </summary>
public sealed class DockerNatFixture(TestbedFixture run) : DockerFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "DockerNat";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Container, "Docker", "#d62728",
        "the payload container (the host's own netserver and memcached) on a project Docker network",
        "ports published on the host's cable address (netserver 12865, data port 50001 TCP and UDP, memcached 11211), through Docker's iptables DNAT",
        "a network namespace, a veth, a bridge and NAT",
        BudgetPercent: 150, TailBudgetPercent: 300);

    /// <summary>The fixed netperf data port published next to the control port (netperf <c>-- -P ,port</c>).</summary>
    public const int NetperfDataPort = 50001;

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "dnt";

    /// <inheritdoc />
    protected override bool Masquerade => true;

    /// <inheritdoc />
    protected override bool ReachesContainerAddress => false;

    /// <inheritdoc />
    protected override ContainerBuilder Configure(ContainerBuilder container, Testbed testbed)
    {
        string[] published =
        [
            $"{Netserver.DefaultPort}/tcp", $"{NetperfDataPort}/tcp", $"{NetperfDataPort}/udp", $"{MemcachedServer.DefaultPort}/tcp",
        ];

        // Declared to Testcontainers (its start waits until as many bindings as it was given are bound), then pinned
        // to the cable address: published on all addresses, the ports would be open to every network of the host.
        return published
            .Aggregate(container, (c, port) => c.WithPortBinding(port.Split('/')[0], port))
            .WithCreateParameterModifier(parameters =>
            {
                foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b) ?? [])
                {
                    binding.HostIP = testbed.HostAddress.ToString();
                }
            });
    }

    /// <inheritdoc />
    protected override SutEndpoint EndpointOf(IPAddress? containerAddress, Testbed testbed) =>
        new(testbed.HostAddress, Netserver.DefaultPort, MemcachedServer.DefaultPort, NetperfDataPort);
}
