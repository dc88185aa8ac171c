using System.Globalization;
using System.Text.Json.Serialization;

namespace VirtPerf.Assertions.Statistics;

/// <summary>An estimate and its confidence interval, in percent of overhead, with the evidence behind it.</summary>
/// <param name="Estimate">The overhead the median pair (or the shift between two series) stands for.</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
/// <param name="Confidence">The interval's confidence level, e.g. 0.95.</param>
/// <param name="N">Figures behind it: pairs (paired), or the technique's iterations (stored baseline).</param>
/// <param name="Autocorrelation">The lag-1 autocorrelation left in that series (see <see cref="SerialSample"/>).</param>
/// <param name="EffectiveN">What the series is worth in independent figures.</param>
/// <param name="Wander">How the row's earlier runs on this testbed widened it (<see cref="WanderAcrossRuns"/>); null
/// when none was taken into account.</param>
public sealed record Interval(
    double Estimate, double Low, double High, double Confidence, int N = 0, double Autocorrelation = 0, double EffectiveN = 0,
    Wander? Wander = null)
{
    /// <summary>The interval of the row's own figures, before any wander across runs was added.</summary>
    [JsonIgnore]
    public Interval WithinRow => Wander?.WithinRow ?? this;

    /// <inheritdoc />
    public override string ToString() => double.IsFinite(Low) && double.IsFinite(High)
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Estimate:+0.0;-0.0;0.0}% ({Confidence * 100:0.#}% CI {Low:+0.0;-0.0;0.0}% to {High:+0.0;-0.0;0.0}%{Wander})")
        : string.Create(CultureInfo.InvariantCulture,
            $"{Estimate:+0.0;-0.0;0.0}% (no {Confidence * 100:0.#}% CI from {N} figures{Worth}: too few)");

    private string Worth => EffectiveN > 0 && EffectiveN < N
        ? string.Create(CultureInfo.InvariantCulture, $" worth {EffectiveN:0.#} independent ones")
        : "";
}
