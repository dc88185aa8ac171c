using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Remote;

/// <summary>The processes this machine's runs started on a remote SUT host, as a kind of host resource, so the
/// cleanup that serves local resources ends them too: at the end of a run, on Ctrl-C, and after a killed run.</summary>
public sealed class RemoteProcesses(RemoteSutHost host) : IHostResources
{
    /// <inheritdoc />
    public string Kind => $"process on {host.Target.Display}";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => host.ProcessNamesAsync(cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(string name, CancellationToken cancellationToken) => host.StopAsync(name, cancellationToken);
}
