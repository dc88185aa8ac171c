using System.Net;
using DotNet.Testcontainers.Builders;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.DockerMacvlan;

/// <summary>The payload container on a macvlan network whose parent is the host end of the cable: the container has its
/// own address on the cable's subnet and the client reaches it on the link, with no bridge, no routing and no NAT on
/// the host. Local testbed only (on a remote one the link is a network this framework does not own).</summary>
public sealed class DockerMacvlanFixture(TestbedFixture run) : DockerFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "DockerMacvlan";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Container, "Docker", "#ffbb78",
        "the payload container on a macvlan network whose parent is the host end of the cable (local testbed only)",
        "the container's own address in the cable's subnet (198.19.N.8-15), on the link: no bridge, no route, no NAT",
        "a network namespace on a macvlan device: the container's cost without a bridge or the host's IP stack",
        BudgetPercent: 150, TailBudgetPercent: 300);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "dmv";

    /// <inheritdoc />
    protected override DockerNetworking Networking => DockerNetworking.Macvlan;
}
