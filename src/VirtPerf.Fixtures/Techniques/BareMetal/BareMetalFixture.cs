using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Fixtures.Techniques.BareMetal;

/// <summary>The baseline: the payload runs directly on the SUT host (this one, or a remote one over SSH), reached over
/// the testbed cable.</summary>
public sealed class BareMetalFixture(TestbedFixture run) : TechniqueFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "BareMetal";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.BareMetal, "host", "#222222",
        "netserver and memcached as processes on the SUT host",
        "the host end of the cable (198.19.N.1)",
        "nothing: the yardstick every other row is paired with");

    /// <summary>The role of the run's conntrack exemption rules (<see cref="ConntrackExemptions"/>).</summary>
    public const string ExemptionRole = "nt";

    private Netserver? _netserver;
    private MemcachedServer? _memcached;
    private string _conntrack = "";

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["conntrack"] = _conntrack,
    };

    /// <summary>The servers' CPU time (<see cref="ProcessTreeCpu"/>), so bare metal's cost per unit of work stands
    /// beside the techniques'; none on a remote SUT host.</summary>
    public override SutHostCpuCounter? SutHostCpu => Run.Testbed is LocalTestbed && _netserver is not null && _memcached is not null
        ? new(() => ProcessTreeCpu.Seconds([_netserver.ProcessId, _memcached.ProcessId]), Run.Testbed.Sut.Facts.Cores)
        : null;

    private string ExemptionComment => ResourceNames.For(Run.RunId, ExemptionRole);

    /// <inheritdoc />
    protected override async Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        _conntrack = testbed is LocalTestbed local
            ? await ExemptCableAsync(local, cancellationToken)
            // The remote SUT host is not touched: it keeps its own conntrack setting, as the study's bare-metal host did.
            : "the remote host's own (not touched)";
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

        if (Run.Testbed is LocalTestbed)
        {
            await ConntrackExemptions.Raw.RemoveAsync(ExemptionComment, CancellationToken.None);
        }
    }

    // The study's bare-metal host ran no Docker and so tracked no connections; here dockerd's iptables rules make the
    // host track every connection on the cable, and TCP_CRR's ~8k connections/s, each held 120 s in TIME_WAIT
    // (nf_conntrack_tcp_timeout_time_wait), fill nf_conntrack_max within a long row ("table full, dropping packet").
    // Only the host end needs the exemption: the client namespace has no rules that use conntrack, so it tracks
    // nothing (its nf_conntrack_count stays 0 during TCP_CRR). The rules live only while BareMetal runs: DockerNat
    // DNATs on the same cable, and NAT needs conntrack (iptables-extensions(8), CT --notrack).
    private async Task<string> ExemptCableAsync(LocalTestbed testbed, CancellationToken cancellationToken)
    {
        var unavailable = await ConntrackExemptions.ExemptAsync(ExemptionComment, testbed.HostLink, cancellationToken);
        if (unavailable is null)
        {
            Run.Log($"{Technique}: connection tracking off on {testbed.HostLink} (raw-table NOTRACK rules {ExemptionComment})");
            return "exempt (raw NOTRACK on the cable)";
        }

        Run.Log($"{Technique}: the cable stays connection-tracked ({unavailable}); long TCP_CRR rows may fill the conntrack table");
        return $"tracked ({unavailable})";
    }
}
