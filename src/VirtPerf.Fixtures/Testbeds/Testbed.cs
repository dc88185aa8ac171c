using System.Net;
using VirtPerf.Fixtures.Techniques.Docker;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>Where the load generator (client) and the SUT host live, and the link between them: the
/// <see cref="LocalTestbed"/> on one machine, or the <see cref="Remote.RemoteTestbed"/> with the SUT host over SSH.</summary>
public abstract class Testbed : IAsyncDisposable
{
    /// <summary>The testbed kind recorded in fingerprints (<c>local</c>, <c>remote</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The run this testbed belongs to.</summary>
    public abstract string RunId { get; }

    /// <summary>The SUT host's address on the link: what the client reaches for bare metal.</summary>
    public abstract IPAddress HostAddress { get; }

    /// <summary>The network namespace where load generators run, or null for this machine's own network stack.</summary>
    public abstract string? ClientNamespace { get; }

    /// <summary>The machine the SUT runs on.</summary>
    public abstract SutHost Sut { get; }

    /// <summary>The SUT host's interface on the link, e.g. for the forwarding rules that let the client into SUT
    /// networks behind the host.</summary>
    public abstract string SutLink { get; }

    /// <summary>The Docker engine on the SUT host, for the container techniques.</summary>
    public abstract Task<DockerEngine> DockerEngineAsync(CancellationToken cancellationToken = default);

    /// <summary>What the link is, for fingerprints of two-host testbeds (MTU, speed), or null.</summary>
    public virtual string? Link => null;

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
