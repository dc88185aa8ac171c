using System.Text.Json;
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
public sealed record OverheadBudgets(
    string Format, int SchemaVersion, double DefaultPercent, IReadOnlyList<Metric> GatedMetrics, double RegressionPercent,
    IReadOnlyList<BudgetRule> Rules)
{
    /// <summary>The value of <see cref="Format"/> in every budget file.</summary>
    public const string FormatName = "virtnetperf.budgets";

    /// <summary>The layout version this build reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The file name under the baselines directory.</summary>
    public const string FileName = "budgets.json";

    /// <summary>The budget for one technique, scenario and metric, in percent.</summary>
    public double For(string technique, Scenario scenario, Metric metric)
    {
        var names = (technique, scenario.ToString(), metric.ToString());
        return Rules
            .Select((rule, index) => (rule, index))
            .Where(r => r.rule.Covers(names.technique, names.Item2, names.Item3))
            .OrderBy(r => r.rule.Specificity).ThenBy(r => r.index)
            .Select(r => (double?)r.rule.Percent)
            .LastOrDefault() ?? DefaultPercent;
    }

    /// <summary>Reads and checks a budget file; anything wrong throws <see cref="BudgetException"/> naming the file,
    /// the value and the fix (for names: the valid ones).</summary>
    public static OverheadBudgets Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BudgetException($"No budget file at {path}: restore it (git checkout -- {path}) or write one (see baselines/README.md).");
        }

        OverheadBudgets? budgets;
        try
        {
            budgets = JsonSerializer.Deserialize<OverheadBudgets>(File.ReadAllText(path), MeasurementJson.Options);
        }
        catch (JsonException e)
        {
            var valid = e.Path?.Contains("gatedMetrics", StringComparison.Ordinal) == true
                ? $" Valid metrics: {string.Join(", ", Enum.GetNames<Metric>())}."
                : "";
            throw new BudgetException($"Budget file {path} cannot be read: {e.Message}{valid} Fix the JSON (see baselines/README.md).", e);
        }

        if (budgets is null || budgets.Format != FormatName || budgets.Rules is null || budgets.GatedMetrics is null)
        {
            throw new BudgetException(
                $"{path} is not a VirtNetPerf budget file: it needs \"format\": \"{FormatName}\", \"gatedMetrics\" and \"rules\" (see baselines/README.md).");
        }

        if (budgets.SchemaVersion != CurrentSchemaVersion)
        {
            throw new BudgetException($"Budget file {path} has schema version {budgets.SchemaVersion}; this build reads {CurrentSchemaVersion}.");
        }

        budgets.Check(path);
        return budgets;
    }

    private void Check(string path)
    {
        static string Valid(IEnumerable<string> names) => string.Join(", ", names.Prepend(BudgetRule.Any));
        var scenarios = Enum.GetNames<Scenario>();
        var metrics = Enum.GetNames<Metric>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var where = $"Budget file {path}, rule {i + 1}";
            if (rule.Technique != BudgetRule.Any && !Techniques.All.Contains(rule.Technique))
            {
                throw new BudgetException($"{where}: unknown technique '{rule.Technique}'. Valid: {Valid(Techniques.All)}.");
            }

            if (rule.Scenario != BudgetRule.Any && !scenarios.Contains(rule.Scenario))
            {
                throw new BudgetException($"{where}: unknown scenario '{rule.Scenario}'. Valid: {Valid(scenarios)}.");
            }

            if (rule.Metric != BudgetRule.Any && !metrics.Contains(rule.Metric))
            {
                throw new BudgetException($"{where}: unknown metric '{rule.Metric}'. Valid: {Valid(metrics)}.");
            }

            if (rule.Percent < 0 || double.IsNaN(rule.Percent))
            {
                throw new BudgetException($"{where}: percent {rule.Percent} must be 0 or more.");
            }
        }

        if (DefaultPercent < 0 || RegressionPercent < 0)
        {
            throw new BudgetException($"Budget file {path}: defaultPercent and regressionPercent must be 0 or more.");
        }
    }
}

/// <summary>A budget file cannot be used; the message names the file, the value and the fix.</summary>
public sealed class BudgetException(string message, Exception? innerException = null) : Exception(message, innerException);
