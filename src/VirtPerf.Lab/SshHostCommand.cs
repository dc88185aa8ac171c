using System.Runtime.InteropServices;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Lab;

/// <summary>
/// <c>ssh-host</c>: brings up a <see cref="NamespaceSshHost"/> (with a Docker engine of its own when asked) for a run of
/// its own, prints the exports that point the
/// remote testbed at it, and keeps it until SIGINT, SIGTERM or SIGHUP; then removes everything of it.
/// </summary>
internal static class SshHostCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string? envFile, bool docker)
    {
        if (NamespaceSshHost.Missing() is { } missing)
        {
            Console.Error.WriteLine($"VirtPerf.Lab: {missing}");
            return 1;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Console.Error.WriteLine("VirtPerf.Lab: ssh-host builds a network namespace and runs sshd: run it as root (sudo).");
            return 1;
        }

        var cleanup = HostCleanup.Default;
        foreach (var leftover in await cleanup.RemoveLeftoversAsync())
        {
            Console.Error.WriteLine($"removed leftover {leftover}");
        }

        // Signals are caught before anything exists, so an early Ctrl-C still ends in the cleanup below.
        using var stop = new CancellationTokenSource();
        using var signals = new Signals(stop);
        var runId = ResourceNames.NewRunId();
        cleanup.Registry.Register(runId);
        NamespaceSshHost? host = null;
        var written = false;
        try
        {
            host = await NamespaceSshHost.CreateAsync(runId, cleanup.Registry, stop.Token, docker: docker);
            var exports = string.Concat(host.Environment.Select(v => $"export {v.Key}={PosixShell.Quote(v.Value)}\n"));
            Console.Write(exports);
            if (envFile is not null)
            {
                WriteAtomically(envFile, exports);
                written = true;
                Console.Error.WriteLine($"written: {envFile} (source it in another shell; removed when this host ends)");
            }

            Console.Error.WriteLine(
                $"{host.Target.Display} is {host.HostName}, in network namespace {host.Namespace}"
                + (docker ? $", Docker engine at {NamespaceSshHost.DockerSocket} there" : "") + "; Ctrl-C ends it.");
            Console.WriteLine("ready");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Console.Error.WriteLine("stopping");
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped before the host was ready");
            return 130;
        }
        catch (Exception e) when (e is ToolException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"VirtPerf.Lab: {e.Message}");
            return 1;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await cleanup.RemoveRunAsync(runId);
            if (written)
            {
                File.Delete(envFile!); // its keys are gone: a stale file would only point at nothing
            }
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>SIGINT, SIGTERM and SIGHUP cancel <c>stop</c> instead of ending the process, so the host is removed.</summary>
    private sealed class Signals(CancellationTokenSource stop) : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations =
            [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            }))];

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }
}
