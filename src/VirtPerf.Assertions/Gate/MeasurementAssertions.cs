using System.Globalization;
using System.Text;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>FluentAssertions 7 assertions on a technique's <see cref="Measurement"/>: the overhead gate in test form.
/// A row fails only when a metric is over budget (the whole confidence interval above it); undecided metrics pass
/// and are reported by the verdict.</summary>
public sealed class MeasurementAssertions(Measurement subject) : ReferenceTypeAssertions<Measurement, MeasurementAssertions>(subject)
{
    /// <inheritdoc />
    protected override string Identifier => "measurement";

    /// <summary>Every gated metric stays within its budget against <paramref name="baseline"/>, bare metal measured
    /// alternately beside the subject (iteration i against iteration i); all failing metrics appear in one message
    /// with technique, scenario, estimate, interval, budget, n and fingerprint.</summary>
    public AndWhichConstraint<MeasurementAssertions, Verdict> StayWithinBudget(
        OverheadBudgets budgets, Measurement baseline, string because = "", params object[] becauseArgs) =>
        Pass(OverheadGate.AgainstBudget(Subject, baseline, budgets), because, becauseArgs);

    /// <summary>One metric stays within its budget against <paramref name="baseline"/>, bare metal measured beside the subject.</summary>
    public AndWhichConstraint<MeasurementAssertions, Verdict> StayWithinBudget(
        OverheadBudgets budgets, Measurement baseline, Metric metric, string because = "", params object[] becauseArgs)
    {
        var verdict = OverheadGate.AgainstBudget(Subject, baseline, budgets);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(verdict.Metrics.Any(m => m.Metric == metric))
            .FailWith(Escape($"Expected {Subject.Technique} {Subject.Scenario} to measure {metric}{{reason}}, but it did not."));
        return Pass(verdict with { Metrics = verdict.Metrics.Where(m => m.Metric == metric).ToList() }, because, becauseArgs);
    }

    /// <summary>No gated metric's overhead against <paramref name="baseline"/> (bare metal measured beside the subject)
    /// got significantly worse than the <paramref name="accepted"/> overhead by more than the regression threshold.</summary>
    public AndWhichConstraint<MeasurementAssertions, Verdict> NotRegressFrom(
        AcceptedOverhead accepted, Measurement baseline, OverheadBudgets budgets, string because = "", params object[] becauseArgs) =>
        Pass(OverheadGate.AgainstAccepted(Subject, baseline, accepted, budgets), because, becauseArgs);

    /// <summary>Fails when <paramref name="verdict"/> is over budget, with every failing metric in the message.</summary>
    public AndWhichConstraint<MeasurementAssertions, Verdict> Pass(Verdict verdict, string because = "", params object[] becauseArgs)
    {
        var over = verdict.Outcome == Outcome.OverBudget ? verdict.Metrics.Where(m => m.Outcome == Outcome.OverBudget).ToList() : [];
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(over.Count == 0)
            .FailWith(Escape(FailureMessage(verdict, over)));
        return new AndWhichConstraint<MeasurementAssertions, Verdict>(this, verdict);
    }

    private static string FailureMessage(Verdict verdict, IReadOnlyList<MetricVerdict> over)
    {
        var what = verdict.Kind == "regression" ? "not to regress from its last accepted measurement" : "to stay within its overhead budgets";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Expected {verdict.Technique} {verdict.Scenario} {what} on testbed {verdict.Fingerprint}{{reason}}, but {over.Count} metric{(over.Count == 1 ? " is" : "s are")} over:");
        foreach (var metric in over)
        {
            text.Append("\n  ").Append(metric);
        }

        if (verdict.Note is not null)
        {
            text.Append("\n  note: ").Append(verdict.Note);
        }

        return text.ToString();
    }

    // FailWith reads {...} as placeholders; only {reason} is meant as one.
    private static string Escape(string message) =>
        message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)
            .Replace("{{reason}}", "{reason}", StringComparison.Ordinal);
}

/// <summary>The entry point of <see cref="MeasurementAssertions"/>: <c>measurement.Should()</c>.</summary>
public static class MeasurementAssertionExtensions
{
    /// <summary>Assertions on a technique's measurement.</summary>
    public static MeasurementAssertions Should(this Measurement measurement) => new(measurement);
}
