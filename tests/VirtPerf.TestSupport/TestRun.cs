using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.TestSupport;

/// <summary>
/// A registered run for integration tests, with a real local testbed and optionally a real netserver on it.
/// Registered before anything is created, so a concurrent run never mistakes it for a leftover.
/// </summary>
public sealed class TestRun : IAsyncDisposable
{
    private TestRun(string runId, LocalTestbed testbed, Netserver? netserver)
    {
        RunId = runId;
        Testbed = testbed;
        Netserver = netserver;
    }

    /// <summary>Why integration tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Privileges.HasNetAdmin()
        ? null
        : "integration tests build network namespaces and need CAP_NET_ADMIN: run them as root (scripts/test.sh does).";

    /// <summary>The cleanup the tests use, the same as the suite's.</summary>
    public static HostCleanup Cleanup => HostCleanup.Default;

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>The testbed.</summary>
    public LocalTestbed Testbed { get; }

    /// <summary>The netserver on the host end of the cable, when asked for.</summary>
    public Netserver? Netserver { get; }

    /// <summary>Registers a run and builds its testbed, with a netserver on it when <paramref name="withNetserver"/>.</summary>
    public static async Task<TestRun> StartAsync(bool withNetserver = false)
    {
        var runId = ResourceNames.NewRunId();
        Cleanup.Registry.Register(runId);
        LocalTestbed? testbed = null;
        try
        {
            testbed = await LocalTestbed.CreateAsync(runId, Cleanup.Registry);
            var netserver = withNetserver
                ? await Netserver.StartAsync(testbed.HostAddress, Netserver.DefaultPort, runId, Cleanup.Registry)
                : null;
            return new TestRun(runId, testbed, netserver);
        }
        catch
        {
            await Cleanup.RemoveRunAsync(runId);
            throw;
        }
    }

    /// <summary>Stops netserver, removes the testbed and everything else of the run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Netserver is not null)
        {
            await Netserver.DisposeAsync();
        }

        await Testbed.DisposeAsync();
        await Cleanup.RemoveRunAsync(RunId);
    }
}
