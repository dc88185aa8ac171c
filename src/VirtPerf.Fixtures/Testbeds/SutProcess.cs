using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>A long-lived process on the SUT host: the tool itself (local), or the ssh session that started it
/// (remote), with the way to stop it and forget it and the way to learn the tool's process id on the SUT host.</summary>
public sealed class SutProcess(ToolProcess process, Func<ToolProcess, Task> stop, Func<CancellationToken, Task<int>> hostProcessId)
    : IAsyncDisposable
{
    /// <summary>The local process: the tool, or its ssh client.</summary>
    public ToolProcess Process => process;

    /// <summary>The tool's process id on the SUT host (remote: as its start recorded it there).</summary>
    public Task<int> HostProcessIdAsync(CancellationToken cancellationToken = default) => hostProcessId(cancellationToken);

    /// <summary>Stops the process (remotely: the tool, then its ssh session) and forgets it.</summary>
    public async ValueTask DisposeAsync() => await stop(process);
}
