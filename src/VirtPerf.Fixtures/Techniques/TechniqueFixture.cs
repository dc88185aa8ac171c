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

    /// <summary>The CPU time of the SUT's processes as the SUT host sees them (a container's cgroup, a QEMU process),
    /// or null when the technique has no host-side share to measure.</summary>
    public virtual SutHostCpuCounter? SutHostCpu => null;

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
            run.Log($"{Technique} up: SUT at {Endpoint.Address}, netserver port {Endpoint.NetserverPort}, memcached port {Endpoint.MemcachedPort}");
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

    /// <summary><paramref name="testbed"/> as the local testbed, for techniques that only run there so far; a
    /// remote testbed makes the technique unavailable, saying so.</summary>
    protected LocalTestbed LocalOnly(Testbed testbed) => testbed as LocalTestbed
        ?? throw new TechniqueUnavailableException(
            $"{Technique} runs on the local testbed only so far (the remote testbed runs BareMetal): unset VIRTPERF_REMOTE_HOST to measure it here.");

    /// <summary>Stops everything <see cref="StartAsync"/> started, also after a partial start.</summary>
    protected abstract Task StopAsync();
}
