namespace VirtPerf.Workloads;

/// <summary>The study's techniques by their trait values (thesis Table 7), for files that name them (budgets).</summary>
public static class Techniques
{
    /// <summary>The technique every other is compared with.</summary>
    public const string BareMetal = "BareMetal";

    /// <summary>Every technique's trait value, bare metal first, in the order of thesis Table 7.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BareMetal, "LinuxVirtio", "LinuxVirtioOffload", "OSvVirtio", "LinuxVhost", "LinuxVhostOffload", "OSvVhost",
        "DockerNat", "DockerBridge",
    ];
}
