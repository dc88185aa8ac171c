using System.Globalization;

namespace VirtPerf.Assertions.Statistics;

/// <summary>How much a row's overhead wanders between runs at different times on one testbed, beyond what each run's
/// own pairs account for, and the interval it widened.</summary>
/// <param name="Runs">Runs the wander was estimated from, this one among them.</param>
/// <param name="Spread">The standard deviation of the row's overhead between runs, as a log cost ratio (tau).</param>
/// <param name="WithinRow">The interval of this run's own pairs, before the wander was added.</param>
public sealed record Wander(int Runs, double Spread, Interval WithinRow)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $", widened by the overhead's wander between {Runs} runs on this testbed (SD {Spread * 100:0.0}% of cost); this run's pairs alone {WithinRow.Low:+0.0;-0.0;0.0}% to {WithinRow.High:+0.0;-0.0;0.0}%");
}
