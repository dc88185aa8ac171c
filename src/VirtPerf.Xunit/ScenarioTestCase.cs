using System.ComponentModel;
using VirtPerf.Workloads;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.Xunit;

/// <summary>One scenario row: skippable (Xunit.SkippableFact), with the row's <c>Scenario</c> and <c>Suite</c> traits.</summary>
public sealed class ScenarioTestCase : SkippableFactTestCase
{
    /// <summary>The trait naming the row's scenario.</summary>
    public const string ScenarioTrait = "Scenario";

    /// <summary>The trait naming the row's suite.</summary>
    public const string SuiteTrait = "Suite";

    private static readonly string[] SkippingExceptions = [typeof(global::Xunit.SkipException).FullName!];

    /// <summary>For deserialization by the test runner only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ScenarioTestCase()
    {
    }

    /// <summary>Creates the row for <paramref name="testMethodArguments"/>.</summary>
    public ScenarioTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        object[] testMethodArguments)
        : base(SkippingExceptions, diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
    }

    /// <inheritdoc />
    protected override void Initialize()
    {
        base.Initialize();

        // Traits are recomputed from the row's arguments here, also after the runner deserializes the case.
        foreach (var scenario in TestMethodArguments?.OfType<Scenario>() ?? [])
        {
            Add(ScenarioTrait, scenario.ToString());
            Add(SuiteTrait, Scenarios.SuiteOf(scenario).ToString());
        }
    }

    /// <summary>The row's name: technique class, method and scenario, e.g. <c>BareMetal.Netperf(TCP_RR)</c>.</summary>
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        $"{TestMethod.TestClass.Class.Name.Split('.')[^1]}.{TestMethod.Method.Name}({string.Join(", ", TestMethodArguments ?? [])})";

    private void Add(string name, string value)
    {
        if (!Traits.TryGetValue(name, out var values))
        {
            Traits[name] = values = [];
        }

        values.Add(value);
    }
}
