namespace VirtPerf.Workloads;

/// <summary>The technique every other is compared with; every technique is described in the fixtures' TechniqueCatalog.</summary>
public static class Techniques
{
    /// <summary>The technique every other is compared with.</summary>
    public const string BareMetal = "BareMetal";
}
