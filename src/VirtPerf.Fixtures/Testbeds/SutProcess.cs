using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>A long-lived process on the SUT host: the tool itself (local), or the ssh session that started it
/// (remote), with the way to stop it and forget it.</summary>
public sealed class SutProcess(ToolProcess process, Func<ToolProcess, Task> stop) : IAsyncDisposable
{
    /// <summary>The local process: the tool, or its ssh client.</summary>
    public ToolProcess Process => process;

    /// <summary>Stops the process (remotely: the tool, then its ssh session) and forgets it.</summary>
    public async ValueTask DisposeAsync() => await stop(process);
}
