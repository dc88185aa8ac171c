using VirtPerf.Fixtures.Techniques.GVisor;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>gVisor (runsc, ptrace platform) with its own network stack, on a bridge network.</summary>
[Technique(GVisorFixture.Name)]
public sealed class GVisor(GVisorFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<GVisorFixture>(technique, results, output), IClassFixture<GVisorFixture>;
