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

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Container, "Docker", "#ff7f0e",
        "the payload container on a project Docker network (198.18.M.0/24), masquerading off",
        "the container's own address, routed through the host, no NAT anywhere",
        "a network namespace, a veth and a bridge, without NAT",
        BudgetPercent: 150, TailBudgetPercent: 300);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "dbr";
}
