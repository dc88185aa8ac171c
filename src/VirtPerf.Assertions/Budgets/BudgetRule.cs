namespace VirtPerf.Assertions.Budgets;

/// <summary>The largest overhead allowed, in percent, for the techniques, scenarios and metrics it names
/// (<c>*</c>, or leaving a field out, matches any).</summary>
public sealed record BudgetRule(double Percent, string Technique = BudgetRule.Any, string Scenario = BudgetRule.Any, string Metric = BudgetRule.Any)
{
    /// <summary>Matches every name.</summary>
    public const string Any = "*";

    /// <summary>How many fields name something: the most specific matching rule decides.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Specificity => new[] { Technique, Scenario, Metric }.Count(f => f != Any);

    /// <summary>True when the rule covers this technique, scenario and metric.</summary>
    public bool Covers(string technique, string scenario, string metric) =>
        (Technique == Any || Technique == technique) && (Scenario == Any || Scenario == scenario) && (Metric == Any || Metric == metric);
}
