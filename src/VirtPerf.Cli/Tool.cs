using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace VirtPerf.Cli;

/// <summary>Runs a command-line tool to completion with an argument list (never a shell string).</summary>
public static class Tool
{
    /// <summary>
    /// Runs <paramref name="target"/> and returns its output; a non-zero exit throws a <see cref="ToolException"/>
    /// quoting the command and its output unless <paramref name="allowFailure"/> is set. <paramref name="onOutputLine"/>,
    /// when given, also gets each line of standard output as it comes; <paramref name="inputFile"/>, when given, is its
    /// standard input.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default, bool allowFailure = false,
        Action<string>? onOutputLine = null, string? inputFile = null)
    {
        var commandLine = CommandLine.Format(target, arguments);
        BufferedCommandResult run;
        try
        {
            run = await CliWrap.Cli.Wrap(target)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(inputFile is null ? PipeSource.Null : PipeSource.FromFile(inputFile))
                .WithStandardOutputPipe(onOutputLine is null ? PipeTarget.Null : PipeTarget.ToDelegate(onOutputLine))
                .ExecuteBufferedAsync(cancellationToken);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            throw NotFound(target, commandLine, e);
        }

        var result = new ToolResult(commandLine, run.ExitCode, run.StandardOutput, run.StandardError);
        if (!allowFailure && result.ExitCode != 0)
        {
            throw new ToolException($"{target} failed.", result);
        }

        return result;
    }

    /// <summary>True when <paramref name="name"/> is an executable file on PATH (or an absolute path to one).</summary>
    public static bool IsInstalled(string name) => Locate(name) is not null;

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Locate(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    internal static bool IsNotFound(Exception e) =>
        e is Win32Exception || e.InnerException is Win32Exception;

    internal static ToolException NotFound(string target, string commandLine, Exception? e = null) =>
        new($"{target} could not be started: it is not installed or not on PATH. "
            + $"Run scripts/setup.sh to install what VirtNetPerf needs.\n  command: {commandLine}", e);
}
