using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Baselines;

/// <summary>A technique's paired overhead recorded on purpose: the technique's iterations and the bare-metal
/// iterations measured alternately beside them, pair by pair. The regression gate compares today's paired overhead
/// with it, so drift between the two dates cancels wherever it hits bare metal and the technique alike.</summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="SchemaVersion">The file's layout version; readers refuse versions they do not know.</param>
/// <param name="Recorded">When it was recorded.</param>
/// <param name="Technique">The technique's measurement.</param>
/// <param name="BareMetal">Bare metal, measured alternately in the same row: iteration i pairs with the technique's i.</param>
public sealed record AcceptedOverhead(string Format, int SchemaVersion, DateTimeOffset Recorded, Measurement Technique, Measurement BareMetal)
{
    /// <summary>The value of <see cref="Format"/> in every accepted-overhead file.</summary>
    public const string FormatName = "virtnetperf.accepted-overhead";

    /// <summary>The layout version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The accepted overhead of a paired row recorded now.</summary>
    public static AcceptedOverhead Of(Measurement technique, Measurement bareMetal) =>
        new(FormatName, CurrentSchemaVersion, DateTimeOffset.UtcNow, technique, bareMetal);

    /// <summary>One log cost ratio per pair of <paramref name="metric"/>.</summary>
    public IReadOnlyList<double> LogRatios(Metric metric) =>
        OverheadIntervals.LogRatios(metric, Technique.Values(metric), BareMetal.Values(metric));
}
