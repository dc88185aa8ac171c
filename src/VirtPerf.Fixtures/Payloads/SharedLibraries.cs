using System.Text.RegularExpressions;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Payloads;

/// <summary>The shared libraries a host binary links, as ldd(1) lists them, so a payload can carry them along.</summary>
public static partial class SharedLibraries
{
    /// <summary>The absolute paths of the libraries (and the loader) <paramref name="binary"/> needs; none for a static one.</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(string binary, CancellationToken cancellationToken = default)
    {
        // ldd lists "name => /path (addr)" and the loader as "/path (addr)".
        var run = await Tool.RunAsync("ldd", [binary], cancellationToken, allowFailure: true);
        return LibraryPath().Matches(run.StandardOutput).Select(m => m.Groups[1].Value).Where(File.Exists).ToList();
    }

    [GeneratedRegex(@"(?:=>\s*|^\s*)(/\S+)\s+\(0x", RegexOptions.Multiline)]
    private static partial Regex LibraryPath();
}
