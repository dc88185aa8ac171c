namespace VirtPerf.Workloads;

/// <summary>The technique every other is compared with, and which techniques make up the study's matrix; every
/// technique is described in the fixtures' TechniqueCatalog.</summary>
public static class Techniques
{
    /// <summary>The technique every other is compared with.</summary>
    public const string BareMetal = "BareMetal";

    /// <summary>The <c>Matrix</c> trait's value of the study's techniques (thesis Table 7 and bare metal).</summary>
    public const string StudyMatrix = "Study";

    /// <summary>The <c>Matrix</c> trait's value of the techniques added beyond the study (issue 16).</summary>
    public const string BeyondMatrix = "Beyond";

    /// <summary>Bare metal and the study's eight techniques, in thesis Table 7's order: the main job's default rows.</summary>
    public static IReadOnlyList<string> Study { get; } =
    [
        BareMetal, "LinuxVirtio", "LinuxVirtioOffload", "OSvVirtio", "LinuxVhost", "LinuxVhostOffload", "OSvVhost", "DockerNat", "DockerBridge",
    ];

    /// <summary>The <c>Matrix</c> trait's value of <paramref name="technique"/>.</summary>
    public static string MatrixOf(string technique) => Study.Contains(technique) ? StudyMatrix : BeyondMatrix;
}
