namespace VirtPerf.Cli;

/// <summary>A tool could not be started, failed, or said something we could not use; the message quotes it.</summary>
public class ToolException : Exception
{
    /// <summary>Creates the exception with a message that already quotes the command.</summary>
    public ToolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>For a run that finished badly: the problem, the command line and everything the tool printed.</summary>
    public ToolException(string problem, ToolResult result)
        : base($"{problem}\n  command: {result.CommandLine}\n  exit code: {result.ExitCode}\n{result.Transcript}")
    {
        Result = result;
    }

    /// <summary>The finished run this error is about, when there was one.</summary>
    public ToolResult? Result { get; }

    internal static string Transcript(string standardOutput, string standardError) =>
        $"  stdout: {Indent(standardOutput)}\n  stderr: {Indent(standardError)}";

    private static string Indent(string text) =>
        string.IsNullOrWhiteSpace(text) ? "(empty)" : "\n    " + text.TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal);
}
