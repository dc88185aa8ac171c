using System.Globalization;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>One program of an OSv command line, e.g. <c>/netserver -D -4 -f &amp;</c>.</summary>
/// <param name="Path">The program as OSv loads it, e.g. <c>/netserver</c>.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Separator">What follows it: <c>&amp;</c> (runs in the background), <c>;</c> (OSv waits for it),
/// <c>&amp;!</c> or <c>!</c> (OSv's other forms), or empty for the last program.</param>
public sealed record OSvProgram(string Path, IReadOnlyList<string> Arguments, string Separator)
{
    /// <summary>netserver's path in the image (the host's /usr/bin/netserver, packaged at the root).</summary>
    public const string NetserverPath = "/netserver";

    /// <summary>memcached's path in the image (the host's /usr/bin/memcached, packaged at the root).</summary>
    public const string MemcachedPath = "/memcached";

    /// <summary>netserver's control port when this program is netserver: its <c>-p</c>, else the default; null for
    /// any other program.</summary>
    public int? NetserverPort => Path == NetserverPath ? PortOption(["-p"], Netserver.DefaultPort) : null;

    /// <summary>memcached's TCP port when this program is memcached: its <c>-p</c> or <c>--port</c>, else the default;
    /// null for any other program.</summary>
    public int? MemcachedPort => Path == MemcachedPath ? PortOption(["-p", "--port"], MemcachedServer.DefaultPort) : null;

    /// <summary>The last value of the option <paramref name="names"/> (<c>-p N</c>, <c>-pN</c>, <c>--port=N</c>,
    /// <c>--port N</c>), else <paramref name="fallback"/>.</summary>
    private int PortOption(IReadOnlyList<string> names, int fallback)
    {
        string? value = null;
        for (var i = 0; i < Arguments.Count; i++)
        {
            foreach (var name in names)
            {
                var argument = Arguments[i];
                if (argument == name)
                {
                    value = i + 1 < Arguments.Count ? Arguments[i + 1] : "";
                }
                else if (name.StartsWith("--", StringComparison.Ordinal) && argument.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    value = argument[(name.Length + 1)..];
                }
                else if (!name.StartsWith("--", StringComparison.Ordinal) && argument.StartsWith(name, StringComparison.Ordinal))
                {
                    value = argument[name.Length..];
                }
            }
        }

        return value is null ? fallback
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port
            : throw new FormatException($"{Path}'s port '{value}' is not a port number (1 to 65535).");
    }
}
