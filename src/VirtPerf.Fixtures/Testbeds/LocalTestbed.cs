using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Docker;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>
/// The embedded testbed: one machine, the load generator in a client network namespace joined to the host by a
/// veth pair (the study's back-to-back cable). The host end is the SUT host's address. The host's CPUs are held out
/// of idle states while it lives (<see cref="CpuLatencyRequest"/>).
/// Addresses come from 198.19.N.0/24 inside RFC 2544's benchmarking block 198.18.0.0/15, one /24 per live run.
/// </summary>
public sealed class LocalTestbed : Testbed
{
    /// <summary>The kind recorded in fingerprints.</summary>
    public const string LocalKind = "local";

    private CpuLatencyRequest? _cpuLatency;

    private LocalTestbed(string runId, int subnet)
    {
        RunId = runId;
        Subnet = subnet;
        ClientNamespace = ResourceNames.For(runId, "cli");
        HostLink = ResourceNames.For(runId, "h");
        ClientLink = ResourceNames.For(runId, "c");
    }

    /// <inheritdoc />
    public override string Kind => LocalKind;

    /// <inheritdoc />
    public override string RunId { get; }

    /// <summary>N in 198.19.N.0/24, the run's cable subnet.</summary>
    public int Subnet { get; }

    /// <inheritdoc />
    public override string ClientNamespace { get; }

    /// <summary>The host end of the cable (in the host's namespace).</summary>
    public string HostLink { get; }

    /// <summary>The client end of the cable (in <see cref="ClientNamespace"/>).</summary>
    public string ClientLink { get; }

    /// <inheritdoc />
    public override IPAddress HostAddress => IPAddress.Parse($"198.19.{Subnet}.1");

    /// <inheritdoc />
    public override SutHost Sut => LocalSutHost.Instance;

    /// <inheritdoc />
    public override string SutLink => HostLink;

    /// <inheritdoc />
    public override Task<DockerEngine> DockerEngineAsync(CancellationToken cancellationToken = default) => Task.FromResult(DockerEngine.Local);

    /// <summary>Whether the host's CPUs are held out of idle states for the run, in words (<see cref="CpuLatencyRequest"/>).</summary>
    public string CpuIdle { get; private set; } = "";

    /// <summary>The client's address on the cable.</summary>
    public IPAddress ClientAddress => IPAddress.Parse($"198.19.{Subnet}.2");

    /// <summary>Creates the namespace and cable for <paramref name="runId"/>, choosing a /24 no other run uses.</summary>
    public static async Task<LocalTestbed> CreateAsync(string runId, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        using var hostLock = await registry.LockAsync(cancellationToken);
        var testbed = new LocalTestbed(runId, await Subnets.FreeAsync(Subnets.Cables, cancellationToken));
        try
        {
            await testbed.BuildAsync(cancellationToken);
            testbed._cpuLatency = CpuLatencyRequest.Hold(out var cpuIdle);
            testbed.CpuIdle = cpuIdle;
            return testbed;
        }
        catch
        {
            await testbed.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes the namespace and the cable; anything already gone is not an error.</summary>
    public override async ValueTask DisposeAsync()
    {
        _cpuLatency?.Dispose();
        // Removing the namespace removes the cable with it; the host end goes too in case the namespace was already gone.
        await IpResources.Namespaces.RemoveAsync(ClientNamespace, CancellationToken.None);
        await IpResources.Links.RemoveAsync(HostLink, CancellationToken.None);
    }

    private Task BuildAsync(CancellationToken cancellationToken) =>
        VethCable.BuildAsync(
            ClientNamespace, HostLink, HostAddress, ClientLink, ClientAddress, cancellationToken,
            // TCP_CRR opens ~8k connections/s, each held in TIME_WAIT for 60 s by netserver's side: Linux's default
            // 28k client ports come round again within that time. The client namespace is ours, so it gets the whole
            // unprivileged port range. (The host's conntrack table is the other limit: BareMetalFixture exempts the cable.)
            ["netns", "exec", ClientNamespace, "sysctl", "-qw", "net.ipv4.ip_local_port_range=1024 65535"]);
}
