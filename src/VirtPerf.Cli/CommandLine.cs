namespace VirtPerf.Cli;

/// <summary>Renders an argument list the way a person would type it, for messages and results.</summary>
public static class CommandLine
{
    /// <summary>The target and its arguments, each quoted when it holds a space or a quote.</summary>
    public static string Format(string target, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { target }.Concat(arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or '|' or '&' or ';')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
