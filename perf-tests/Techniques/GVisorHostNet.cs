using VirtPerf.Fixtures.Techniques.GVisorHostNet;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>gVisor with runsc's host network passthrough, on a bridge network.</summary>
[Technique(GVisorHostNetFixture.Name)]
public sealed class GVisorHostNet(GVisorHostNetFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<GVisorHostNetFixture>(technique, results, output), IClassFixture<GVisorHostNetFixture>;
