using System.Reflection;
using VirtPerf.Workloads;
using Xunit.Sdk;

namespace VirtPerf.Xunit;

/// <summary>The rows of a <see cref="ScenarioTheoryAttribute"/>: every scenario of one suite, in the study's order.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ScenarioDataAttribute(Suite suite) : DataAttribute
{
    /// <summary>The suite whose scenarios become rows.</summary>
    public Suite Suite { get; } = suite;

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<Scenario>().Where(s => Scenarios.SuiteOf(s) == Suite).Select(s => new object[] { s });
}
