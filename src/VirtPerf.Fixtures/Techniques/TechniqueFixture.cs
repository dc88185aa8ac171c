using System.Net;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads.Measurements;
using Xunit;

namespace VirtPerf.Fixtures.Techniques;

/// <summary>
/// One technique's SUT on the testbed, started once per test class (an xUnit class fixture). A technique that
/// cannot run here records why (rows skip); one that fails to start records the error (rows fail with it).
/// </summary>
public abstract class TechniqueFixture(TestbedFixture run) : IAsyncLifetime
{
    // No timer or handle behind it, so it is never disposed: Lost stays readable after the technique stops.
    private readonly CancellationTokenSource _lost = new();
    private string? _lostReason;
    private bool _started;

    /// <summary>The technique's trait value, e.g. <c>BareMetal</c>.</summary>
    public abstract string Technique { get; }

    /// <summary>The run and testbed this technique lives on.</summary>
    public TestbedFixture Run => run;

    /// <summary>Where the client reaches the SUT; set once the technique is up.</summary>
    public SutEndpoint? Endpoint { get; private set; }

    /// <summary>Why this technique cannot run here, or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>What went wrong while starting it, or null.</summary>
    public Exception? StartupError { get; private set; }

    /// <summary>Cancelled when the SUT stops serving after its start (a guest's QEMU exited, say); never for a technique
    /// that cannot tell. Link it into a measurement's cancellation so the row ends at once, naming
    /// <see cref="LostReason"/>.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the SUT stopped serving after its start (for QEMU: its exit status and the console's last lines), or
    /// null while it serves.</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>The CPU time of the SUT's processes as the SUT host sees them (a container's cgroup, a QEMU process),
    /// or null when the technique has no host-side share to measure.</summary>
    public virtual SutHostCpuCounter? SutHostCpu => null;

    /// <summary>The CPU seconds of the SUT's processes that do not descend from this test process (a container under
    /// containerd, a rootless user's processes): with this process's own tree, the run's CPU, told apart from other work
    /// on the host. 0 for a SUT this process started (a QEMU guest, bare metal's servers).</summary>
    public virtual double CpuOutsideTestProcess() => 0;

    /// <summary>Why this technique's cost follows the CPU that other work leaves it, so that its overhead beside other
    /// work answers another question than on a quiet host (a TCG guest emulates every instruction on the host's
    /// CPUs); null when its overhead stays put under load.</summary>
    public virtual string? CostFollowsHostLoad => null;

    /// <summary>Facts of this technique's run for results (accelerator, offload state, ...).</summary>
    public virtual IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Unavailable = run.Unavailable;
        StartupError = run.StartupError;
        if (Unavailable is not null || StartupError is not null || run.Testbed is null)
        {
            return;
        }

        try
        {
            _started = true;
            Endpoint = await StartAsync(run.Testbed, CancellationToken.None);
            run.Log($"{Technique} up: SUT at {Endpoint.Address}, netserver port {Endpoint.NetserverPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, "
                + $"memcached port {Endpoint.MemcachedPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }
        catch (TechniqueUnavailableException e)
        {
            Unavailable = e.Message;
            run.Log($"{Technique} unavailable: {e.Message}");
        }
        catch (Exception e)
        {
            StartupError = e;
            run.Log($"{Technique} failed to start: {e.Message}");
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_started)
        {
            await StopAsync();
        }
    }

    /// <summary>Brings the SUT up on <paramref name="testbed"/>; throws <see cref="TechniqueUnavailableException"/>
    /// when it cannot run here.</summary>
    protected abstract Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken);

    /// <summary>When the client is not on the SUT host and must reach <paramref name="address"/> inside
    /// <paramref name="network"/> behind it, routes the network via the SUT address on this machine, unless a route does
    /// already; the route is recorded as <paramref name="routeName"/> (remove it with <see cref="ClientRoutes"/>).</summary>
    protected async Task RouteFromClientAsync(
        Testbed testbed, string routeName, IPNetwork network, IPAddress address, CancellationToken cancellationToken)
    {
        if (testbed.Sut is LocalSutHost || !network.Contains(address) || await ClientRoutes.RoutedViaAsync(address, testbed.HostAddress, cancellationToken))
        {
            return;
        }

        if (!Privileges.HasNetAdmin())
        {
            throw new TechniqueUnavailableException(
                $"{Technique} reaches the SUT at {address}, behind {testbed.Sut.Description}: this machine needs a route there. "
                + $"Run as root (the route is added and removed for you), or add one yourself: ip route add 198.18.0.0/16 via {testbed.HostAddress}");
        }

        await ClientRoutes.Default.AddAsync(routeName, network, testbed.HostAddress, cancellationToken);
    }

    /// <summary>Stops everything <see cref="StartAsync"/> started, also after a partial start.</summary>
    protected abstract Task StopAsync();

    /// <summary>Says that the SUT stopped serving after its start, and why: sets <see cref="LostReason"/> and cancels
    /// <see cref="Lost"/>. The first reason stays; later ones are ignored.</summary>
    protected void SignalLost(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is null)
        {
            run.Log($"{Technique} lost: {reason}");
            _lost.Cancel();
        }
    }
}
