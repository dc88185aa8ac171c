using System.Globalization;

namespace VirtPerf.Workloads.Memcached;

/// <summary>A memcached to load: its host and TCP port, written <c>HOST[:PORT]</c> as Mutilate's <c>-s</c> takes it.</summary>
/// <param name="Host">Its address or name.</param>
/// <param name="Port">Its TCP port.</param>
public sealed record ServerAddress(string Host, int Port = LoadOptions.DefaultPort)
{
    /// <summary>Reads <c>HOST[:PORT]</c>; throws <see cref="ArgumentException"/> naming the bad part.</summary>
    public static ServerAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        if (host.Length == 0)
        {
            throw new ArgumentException($"-s '{text}': no host before the port; use HOST[:PORT].");
        }

        if (colon < 0)
        {
            return new ServerAddress(host);
        }

        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new ServerAddress(host, port)
            : throw new ArgumentException($"-s '{text}': the port after ':' is not a number.");
    }

    /// <summary><c>HOST:PORT</c>, what <see cref="Parse"/> reads back.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
