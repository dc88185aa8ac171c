using System.Net;
using DotNet.Testcontainers.Builders;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.GVisor;

/// <summary>The payload container under gVisor (runsc, ptrace platform) with gVisor's own network stack (netstack), on
/// a project bridge network as DockerBridge: the client reaches the container's address.</summary>
public sealed class GVisorFixture(TestbedFixture run) : DockerFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "GVisor";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Sandbox, "gVisor", "#98df8a",
        "the payload container under gVisor's runsc (ptrace platform), its own user-space network stack, on a bridge network as DockerBridge",
        "the container's own address, as DockerBridge",
        "a user-space kernel and network stack in front of the payload: the runsc sandbox's CPU counts as the technique's",
        BudgetPercent: 2000, TailBudgetPercent: 5000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "gv";

    /// <inheritdoc />
    protected override string Runtime => GVisorRuntime.Netstack;

    /// <inheritdoc />
    protected override Task<string?> UnavailableAsync(DockerEngine engine, Testbed testbed, CancellationToken cancellationToken) =>
        GVisorRuntime.UnavailableAsync(engine, Runtime, ownNetworkStack: true, cancellationToken);
}
