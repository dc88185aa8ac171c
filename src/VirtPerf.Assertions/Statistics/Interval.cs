using System.Globalization;

namespace VirtPerf.Assertions.Statistics;

/// <summary>An estimate and its confidence interval, in percent of overhead.</summary>
/// <param name="Estimate">The overhead of the means.</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
/// <param name="Confidence">The interval's confidence level, e.g. 0.95.</param>
public sealed record Interval(double Estimate, double Low, double High, double Confidence)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Estimate:+0.0;-0.0;0.0}% ({Confidence * 100:0.#}% CI {Low:+0.0;-0.0;0.0}% to {High:+0.0;-0.0;0.0}%)");
}
