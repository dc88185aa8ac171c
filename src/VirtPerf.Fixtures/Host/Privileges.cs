using System.Globalization;

namespace VirtPerf.Fixtures.Host;

/// <summary>What this process may do to the host's network.</summary>
public static class Privileges
{
    private const int CapNetAdmin = 12; // linux/capability.h

    /// <summary>True when the effective capabilities include CAP_NET_ADMIN (namespaces, links, addresses).</summary>
    public static bool HasNetAdmin()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var caps)
            && (caps & (1UL << CapNetAdmin)) != 0;
    }
}
