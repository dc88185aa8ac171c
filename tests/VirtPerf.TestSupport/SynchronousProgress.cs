namespace VirtPerf.TestSupport;

/// <summary>Progress that reports on the caller's thread, so a test sees every report once the call returns
/// (<see cref="Progress{T}"/> posts them to the thread pool).</summary>
public sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    /// <inheritdoc />
    public void Report(string value) => report(value);
}
