namespace VirtPerf.Fixtures.Host;

/// <summary>What the SUT host is: the fields of a testbed fingerprint that come from the machine.</summary>
/// <param name="CpuModel">The CPU model from /proc/cpuinfo.</param>
/// <param name="Cores">Logical CPUs.</param>
/// <param name="Kernel">The kernel release (uname -r).</param>
/// <param name="HostName">The host name (context only: it is not part of a fingerprint).</param>
public sealed record HostFacts(string CpuModel, int Cores, string Kernel, string HostName)
{
    /// <summary>Facts of the machine this process runs on.</summary>
    public static HostFacts Local()
    {
        var model = File.ReadLines("/proc/cpuinfo")
            .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault() ?? "unknown";
        return new HostFacts(
            model,
            Environment.ProcessorCount,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            Environment.MachineName);
    }
}
