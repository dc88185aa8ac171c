namespace VirtPerf.Reports;

/// <summary>One metric over a row's iterations: count, mean, median, min, max, p10 and p90 (nearest rank).</summary>
public sealed record MetricSummary(int N, double Mean, double Median, double Min, double Max, double P10, double P90)
{
    /// <summary>The summary of <paramref name="values"/> (at least one).</summary>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        double Rank(double p) => sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new MetricSummary(sorted.Length, sorted.Average(), median, sorted[0], sorted[^1], Rank(0.10), Rank(0.90));
    }
}
