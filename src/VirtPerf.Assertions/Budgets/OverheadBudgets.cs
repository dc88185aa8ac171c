using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Budgets;

/// <summary>
/// The budget file (<c>baselines/budgets.json</c>): per technique x scenario x metric, the largest overhead allowed in
/// percent (direction-aware, see <see cref="Statistics.Overhead"/>), which metrics are gated, and the regression
/// threshold. The most specific matching rule decides; among equally specific ones, the later in the file.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="SchemaVersion">The file's layout version.</param>
/// <param name="DefaultPercent">The budget where no rule matches.</param>
/// <param name="GatedMetrics">The metrics a row is judged on (when it measures them).</param>
/// <param name="RegressionPercent">How much more overhead than the last accepted one fails a row, in percent of it.</param>
/// <param name="Rules">The budgets by technique, scenario and metric.</param>
/// <param name="SchemaLink">The file's <c>$schema</c>, for editors that validate as you type; the reader ignores it.</param>
public sealed record OverheadBudgets(
    string Format, int SchemaVersion, double DefaultPercent, IReadOnlyList<Metric> GatedMetrics, double RegressionPercent,
    IReadOnlyList<BudgetRule> Rules, [property: JsonPropertyName("$schema")] string? SchemaLink = null)
{
    /// <summary>The value of <see cref="Format"/> in every budget file.</summary>
    public const string FormatName = "virtnetperf.budgets";

    /// <summary>The layout version this build reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The file name under the baselines directory.</summary>
    public const string FileName = "budgets.json";

    /// <summary>The budget for one technique, scenario and metric, in percent: the file's rules, after the technique's
    /// own defaults (<see cref="TechniqueDescription.BudgetPercent"/>), so a rule of the file as specific wins.</summary>
    public double For(string technique, Scenario scenario, Metric metric)
    {
        var names = (technique, scenario.ToString(), metric.ToString());
        return TechniqueDefaults.Concat(Rules)
            .Select((rule, index) => (rule, index))
            .Where(r => r.rule.Covers(names.technique, names.Item2, names.Item3))
            .OrderBy(r => r.rule.Specificity).ThenBy(r => r.index)
            .Select(r => (double?)r.rule.Percent)
            .LastOrDefault() ?? DefaultPercent;
    }

    /// <summary>The budgets every technique brings in its description, as rules naming it.</summary>
    public static IReadOnlyList<BudgetRule> TechniqueDefaults { get; } =
    [
        .. TechniqueCatalog.All.Where(t => t.BudgetPercent is not null).Select(t => new BudgetRule(t.BudgetPercent!.Value, t.Name)),
        .. TechniqueCatalog.All.Where(t => t.TailBudgetPercent is not null)
            .Select(t => new BudgetRule(t.TailBudgetPercent!.Value, t.Name, Metric: nameof(Metric.LatencyP99))),
    ];

    /// <summary>Reads and checks a budget file strictly (<see cref="StrictJson"/>): anything wrong throws
    /// <see cref="BudgetException"/> naming the file, the place, the value and the fix (for names: the valid ones).</summary>
    public static OverheadBudgets Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BudgetException($"No budget file at {path}: restore it (git checkout -- {path}) or write one (see baselines/README.md).");
        }

        return StrictJson.Read<OverheadBudgets>(
            path, "Budget file", FormatName, CurrentSchemaVersion, "Fix it (baselines/README.md, \"Budgets\"; schema: baselines/schemas/budgets.schema.json).",
            (message, inner) => new BudgetException(message, inner), budgets => budgets.Problems());
    }

    /// <summary>The JSON schema of budget files, with their format and version, the valid names of techniques,
    /// scenarios and metrics, and percentages of 0 or more.</summary>
    public static JsonNode Schema() => StrictJson.Schema<OverheadBudgets>((context, node) =>
    {
        if (context.PropertyInfo is not { } property || node is not JsonObject schema)
        {
            return node;
        }

        IEnumerable<string>? names = (property.DeclaringType == typeof(BudgetRule), property.Name) switch
        {
            (true, "technique") => TechniqueCatalog.Names,
            (true, "scenario") => Enum.GetNames<Scenario>(),
            (true, "metric") => Enum.GetNames<Metric>(),
            _ => null,
        };
        if (names is not null)
        {
            schema["enum"] = new JsonArray([.. names.Prepend(BudgetRule.Any).Select(n => (JsonNode?)n)]);
        }

        switch (property.Name)
        {
            case "format":
                schema["const"] = FormatName;
                break;
            case "schemaVersion":
                schema["const"] = CurrentSchemaVersion;
                break;
            case "percent" or "defaultPercent" or "regressionPercent":
                schema["minimum"] = 0;
                break;
        }

        return node;
    });

    private IEnumerable<string> Problems()
    {
        static string Valid(IEnumerable<string> names) => string.Join(", ", names.Prepend(BudgetRule.Any));
        static bool Bad(double percent) => percent < 0 || !double.IsFinite(percent);
        var scenarios = Enum.GetNames<Scenario>();
        var metrics = Enum.GetNames<Metric>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var (rule, where) = (Rules[i], $"rule {i + 1} ($.rules[{i}])");
            if (rule is null)
            {
                yield return $"{where} is null";
                continue;
            }

            if (rule.Technique != BudgetRule.Any && !TechniqueCatalog.Names.Contains(rule.Technique))
            {
                yield return $"{where}: unknown technique '{rule.Technique}'. Valid: {Valid(TechniqueCatalog.Names)}";
            }

            if (rule.Scenario != BudgetRule.Any && !scenarios.Contains(rule.Scenario))
            {
                yield return $"{where}: unknown scenario '{rule.Scenario}'. Valid: {Valid(scenarios)}";
            }

            if (rule.Metric != BudgetRule.Any && !metrics.Contains(rule.Metric))
            {
                yield return $"{where}: unknown metric '{rule.Metric}'. Valid: {Valid(metrics)}";
            }

            if (Bad(rule.Percent))
            {
                yield return $"{where}: percent {rule.Percent} must be a number, 0 or more";
            }
        }

        foreach (var (name, value) in new[] { ("defaultPercent", DefaultPercent), ("regressionPercent", RegressionPercent) }.Where(p => Bad(p.Item2)))
        {
            yield return $"$.{name} is {value}; it must be a number, 0 or more";
        }
    }
}

/// <summary>A budget file cannot be used; the message names the file, the value and the fix.</summary>
public sealed class BudgetException(string message, Exception? innerException = null) : Exception(message, innerException);
