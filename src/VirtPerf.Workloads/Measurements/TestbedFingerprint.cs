using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace VirtPerf.Workloads.Measurements;

/// <summary>What a number depends on besides the technique: the testbed's hardware, kernel and tool versions.</summary>
/// <param name="Testbed">The kind of testbed, e.g. <c>local</c> (one machine, client namespace + veth cable).</param>
/// <param name="CpuModel">The SUT host's CPU model as /proc/cpuinfo names it.</param>
/// <param name="Cores">Logical CPUs of the SUT host.</param>
/// <param name="Kernel">The SUT host's kernel release.</param>
/// <param name="Tools">Versions of the workload tools, e.g. <c>netperf</c> = <c>2.7.0</c>.</param>
public sealed record TestbedFingerprint(
    string Testbed,
    string CpuModel,
    int Cores,
    string Kernel,
    IReadOnlyDictionary<string, string> Tools)
{
    /// <summary>Two-host testbeds: the SUT host's name (a baseline of one lab host is not another's), else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SutHost { get; init; }

    /// <summary>Two-host testbeds: the load generator's host (CPU, cores, kernel), else null (the SUT host's own).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Client { get; init; }

    /// <summary>Two-host testbeds: the link between the hosts as the client sees it (MTU, speed), else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Link { get; init; }

    /// <summary>A short stable hash of every field: results with different ids are not comparable.</summary>
    public string Id
    {
        get
        {
            var canonical = new StringBuilder()
                .Append(Testbed).Append('|').Append(CpuModel).Append('|').Append(Cores).Append('|').Append(Kernel);
            foreach (var (tool, version) in Tools.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                canonical.Append('|').Append(tool).Append('=').Append(version);
            }

            // Only two-host testbeds have these; leaving them out otherwise keeps every local testbed's id as it was.
            foreach (var (name, value) in TwoHostFields.Where(f => f.Value is not null))
            {
                canonical.Append('|').Append(name).Append('=').Append(value);
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
            return Convert.ToHexStringLower(hash)[..12];
        }
    }

    /// <summary>Each field that differs from <paramref name="other"/>, as <c>field: this vs other</c>.</summary>
    public IReadOnlyList<string> Differences(TestbedFingerprint other)
    {
        var differences = new List<string>();
        void Compare(string field, string mine, string theirs)
        {
            if (mine != theirs)
            {
                differences.Add($"{field}: '{mine}' vs '{theirs}'");
            }
        }

        Compare("testbed", Testbed, other.Testbed);
        Compare("cpuModel", CpuModel, other.CpuModel);
        Compare("cores", Cores.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("kernel", Kernel, other.Kernel);
        foreach (var ((name, mine), (_, theirs)) in TwoHostFields.Zip(other.TwoHostFields))
        {
            Compare(name, mine ?? "(none)", theirs ?? "(none)");
        }

        foreach (var tool in Tools.Keys.Union(other.Tools.Keys).Order(StringComparer.Ordinal))
        {
            Compare($"tools.{tool}", Tools.GetValueOrDefault(tool, "(none)"), other.Tools.GetValueOrDefault(tool, "(none)"));
        }

        return differences;
    }

    private (string Field, string? Value)[] TwoHostFields => [("sutHost", SutHost), ("client", Client), ("link", Link)];
}
