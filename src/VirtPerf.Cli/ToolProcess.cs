using CliWrap;

namespace VirtPerf.Cli;

/// <summary>
/// A long-lived tool (netserver, memcached, qemu, dockerd) started with an argument list; stopped gracefully
/// (SIGINT) and killed when it does not exit within the grace period.
/// </summary>
public sealed class ToolProcess : IAsyncDisposable
{
    /// <summary>How long a process gets to exit after SIGINT before it is killed.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _graceful;
    private readonly CancellationTokenSource _forceful;
    private readonly OutputTail _output;
    private readonly CommandTask<CommandResult> _run;

    private ToolProcess(
        string commandLine, OutputTail output, CommandTask<CommandResult> run,
        CancellationTokenSource graceful, CancellationTokenSource forceful)
    {
        CommandLine = commandLine;
        _output = output;
        _run = run;
        _graceful = graceful;
        _forceful = forceful;
        Exited = run.Task.ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result.ExitCode : (int?)null,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The command line as a person would type it.</summary>
    public string CommandLine { get; }

    /// <summary>The process id, for the run registry that removes leftovers of killed runs.</summary>
    public int ProcessId => _run.ProcessId;

    /// <summary>True once the process has exited for any reason.</summary>
    public bool HasExited => _run.Task.IsCompleted;

    /// <summary>Completes when the process has exited: with its exit status when it ended by itself or was ended by
    /// someone else (.NET reports death by signal N as 128 + N), with null when <see cref="StopAsync"/> ended it.</summary>
    public Task<int?> Exited { get; }

    /// <summary>The last part of what the process printed on stdout and stderr, interleaved.</summary>
    public string Output => _output.ToString();

    /// <summary>Starts <paramref name="target"/>; throws a <see cref="ToolException"/> when it cannot be started.</summary>
    public static ToolProcess Start(string target, IReadOnlyList<string> arguments) =>
        Start(target, arguments, VirtPerf.Cli.CommandLine.Format(target, arguments), PipeSource.Null);

    /// <summary>Starts <paramref name="target"/>, but lets it run only once <paramref name="beforeRunning"/> has
    /// returned (it puts the process on a run's record): until then a shell holds the place, with the process id and
    /// start time that its exec of the tool keeps. When this process dies first, or <paramref name="beforeRunning"/>
    /// throws, the shell reads the end of its input and exits without running the tool, so no tool outlives a run that
    /// never recorded it.</summary>
    public static ToolProcess Start(string target, IReadOnlyList<string> arguments, Action<ToolProcess> beforeRunning)
    {
        var commandLine = VirtPerf.Cli.CommandLine.Format(target, arguments);
        if (!Tool.IsInstalled(target))
        {
            throw Tool.NotFound(target, commandLine);
        }

        var go = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = PipeSource.Create(async (input, cancellationToken) =>
        {
            if (await go.Task)
            {
                await input.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
        });
        var process = Start("sh", ["-c", "read -r _ && exec \"$@\"", "sh", target, .. arguments], commandLine, gate);
        try
        {
            beforeRunning(process);
        }
        catch
        {
            go.SetResult(false);
            throw;
        }

        go.SetResult(true);
        return process;
    }

    private static ToolProcess Start(string target, IReadOnlyList<string> arguments, string commandLine, PipeSource input)
    {
        var output = new OutputTail();
        var graceful = new CancellationTokenSource();
        var forceful = new CancellationTokenSource();
        try
        {
            // Validation is ours: an exit at any time is reported by Problem() with the output, not thrown later.
            var run = CliWrap.Cli.Wrap(target)
                .WithArguments(arguments)
                .WithStandardInputPipe(input)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(output.AppendLine))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(output.AppendLine))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(forceful.Token, graceful.Token);
            return new ToolProcess(commandLine, output, run, graceful, forceful);
        }
        catch (Exception e) when (Tool.IsNotFound(e))
        {
            graceful.Dispose();
            forceful.Dispose();
            throw Tool.NotFound(target, commandLine, e);
        }
    }

    /// <summary>An error that says <paramref name="problem"/> and quotes the command line and the output so far.</summary>
    public ToolException Problem(string problem)
    {
        var exit = HasExited && _run.Task.IsCompletedSuccessfully ? $"exited with code {_run.Task.Result.ExitCode}" : "running";
        return new ToolException($"{problem}\n  command: {CommandLine}\n  state: {exit}\n  output: {Indent(Output)}");
    }

    /// <summary>Sends SIGINT, waits up to <paramref name="gracePeriod"/>, then kills; returns once the process is gone.</summary>
    public async Task StopAsync(TimeSpan? gracePeriod = null)
    {
        if (!HasExited)
        {
            await _graceful.CancelAsync();
            var exited = await Task.WhenAny(_run.Task, Task.Delay(gracePeriod ?? DefaultGracePeriod));
            if (exited != _run.Task)
            {
                await _forceful.CancelAsync();
            }
        }

        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Expected: CliWrap reports a cancelled command this way after it has ended the process.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _graceful.Dispose();
        _forceful.Dispose();
    }

    private static string Indent(string text) =>
        string.IsNullOrWhiteSpace(text) ? "(none)" : "\n    " + text.TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal);
}
