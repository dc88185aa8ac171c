using System.Net;
using DotNet.Testcontainers.Builders;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Techniques.GVisor;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.GVisorHostNet;

/// <summary>The payload container under gVisor with runsc's host network passthrough (<c>--network=host</c> runtime
/// flag): the sandbox's sockets are the container namespace's own, on a bridge network as DockerBridge, so only the
/// network stack differs from <see cref="GVisorFixture"/>.</summary>
public sealed class GVisorHostNetFixture(TestbedFixture run) : DockerFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "GVisorHostNet";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Sandbox, "gVisor", "#c49c94",
        "the payload container under runsc (ptrace platform) with its host network passthrough, on a bridge network as DockerBridge",
        "the container's own address, as DockerBridge",
        "gVisor's system-call interception without its network stack: against GVisor, what netstack costs",
        BudgetPercent: 2000, TailBudgetPercent: 5000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "gvh";

    /// <inheritdoc />
    protected override string Runtime => GVisorRuntime.HostNetwork;

    /// <inheritdoc />
    protected override Task<string?> UnavailableAsync(DockerEngine engine, Testbed testbed, CancellationToken cancellationToken) =>
        GVisorRuntime.UnavailableAsync(engine, Runtime, ownNetworkStack: false, cancellationToken);
}
