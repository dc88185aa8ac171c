using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Baselines;

/// <summary>A stored bare-metal measurement for one (testbed fingerprint, scenario): the yardstick of overhead.</summary>
/// <param name="Format">Always <see cref="FormatName"/>; tells a baseline file from other JSON.</param>
/// <param name="SchemaVersion">The file's layout version; readers refuse versions they do not know.</param>
/// <param name="Recorded">When it was recorded.</param>
/// <param name="Measurement">The bare-metal measurement with every iteration's values and its provenance.</param>
public sealed record Baseline(string Format, int SchemaVersion, DateTimeOffset Recorded, Measurement Measurement)
{
    /// <summary>The value of <see cref="Format"/> in every baseline file.</summary>
    public const string FormatName = "virtnetperf.baseline";

    /// <summary>The layout version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>A baseline of <paramref name="measurement"/> recorded now.</summary>
    public static Baseline Of(Measurement measurement) =>
        new(FormatName, CurrentSchemaVersion, DateTimeOffset.UtcNow, measurement);
}
