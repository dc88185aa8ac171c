using System.Net;
using DotNet.Testcontainers.Builders;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.DockerHost;

/// <summary>The payload container on the host's network (<c>--network host</c>): the servers listen on the host's cable
/// address itself, so only the container's namespaces and cgroup differ from bare metal, not the network path.</summary>
public sealed class DockerHostFixture(TestbedFixture run) : DockerFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "DockerHost";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Container, "Docker", "#bcbd22",
        "the payload container with `--network host`: the host's own network stack, no virtual NIC",
        "the host's cable address, as bare metal (the servers listen on that address only)",
        "what a container costs without any network virtualization: its cgroup and namespaces, the path is bare metal's",
        BudgetPercent: 150, TailBudgetPercent: 300);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "dho";

    /// <inheritdoc />
    protected override DockerNetworking Networking => DockerNetworking.Host;

    /// <inheritdoc />
    protected override IPAddress? ListenAddress(Testbed testbed) => testbed.HostAddress;
}
