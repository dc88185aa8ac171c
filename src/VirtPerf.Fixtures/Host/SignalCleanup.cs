using System.Runtime.InteropServices;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// Runs a cleanup when the process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits without disposing its fixtures,
/// so Ctrl-C in <c>dotnet test</c> leaves nothing behind. SIGKILL cannot be caught: the next start cleans up then.
/// </summary>
public sealed class SignalCleanup : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly Func<Task> _cleanup;
    private readonly List<PosixSignalRegistration> _signals;
    private int _ran;

    private SignalCleanup(Func<Task> cleanup)
    {
        _cleanup = cleanup;
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(s => PosixSignalRegistration.Create(s, _ => Run()))];
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Runs <paramref name="cleanup"/> at most once, on the first signal or at process exit, until disposed.</summary>
    public static SignalCleanup Register(Func<Task> cleanup) => new(cleanup);

    /// <summary>Stops watching; the owner cleans up itself.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _ran, 1);
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Run();

    private void Run()
    {
        if (Interlocked.Exchange(ref _ran, 1) == 0)
        {
            // The signal handler must finish before the default action ends the process; a failure here must not
            // crash the handler: whatever is left is removed at the next start.
            try
            {
                _cleanup().Wait(Limit);
            }
            catch (AggregateException e)
            {
                Console.Error.WriteLine($"VirtNetPerf: cleanup on exit failed, the next run removes the rest: {e.InnerException?.Message}");
            }
        }
    }
}
