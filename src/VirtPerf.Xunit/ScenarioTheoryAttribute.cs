using Xunit;
using Xunit.Sdk;

namespace VirtPerf.Xunit;

/// <summary>
/// A skippable theory whose every row is a <see cref="Workloads.Scenario"/> and carries the traits <c>Scenario</c>
/// and <c>Suite</c>, so <c>--filter Scenario=TCP_RR</c> selects single rows and the test explorer shows one row per
/// scenario. A row skips when it throws <see cref="SkipException"/> (<c>Skip.If</c>).
/// </summary>
[XunitTestCaseDiscoverer("VirtPerf.Xunit." + nameof(ScenarioTheoryDiscoverer), "VirtPerf.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ScenarioTheoryAttribute : TheoryAttribute;
