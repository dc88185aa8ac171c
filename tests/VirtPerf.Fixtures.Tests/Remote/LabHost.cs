using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Remote;

/// <summary>A registered run holding a real <see cref="NamespaceSshHost"/>: the "other machine" of the remote tests.</summary>
internal sealed class LabHost : IAsyncDisposable
{
    private LabHost(string runId, NamespaceSshHost host)
    {
        RunId = runId;
        Host = host;
    }

    /// <summary>Why these tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => TestRun.Unavailable ?? NamespaceSshHost.Missing();

    public static RunRegistry Registry => TestRun.Cleanup.Registry;

    public string RunId { get; }

    public NamespaceSshHost Host { get; }

    public SshTarget Target => Host.Target;

    public static async Task<LabHost> StartAsync(string? path = null)
    {
        var runId = ResourceNames.NewRunId();
        Registry.Register(runId);
        try
        {
            return new LabHost(runId, await NamespaceSshHost.CreateAsync(runId, Registry, path: path));
        }
        catch
        {
            await TestRun.Cleanup.RemoveRunAsync(runId);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestRun.Cleanup.RemoveRunAsync(RunId);
    }
}
