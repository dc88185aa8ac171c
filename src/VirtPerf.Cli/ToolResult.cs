namespace VirtPerf.Cli;

/// <summary>What a finished tool run left: its command line, exit code and both output streams.</summary>
public sealed record ToolResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Standard output and standard error, labelled, for error messages.</summary>
    public string Transcript => ToolException.Transcript(StandardOutput, StandardError);
}
