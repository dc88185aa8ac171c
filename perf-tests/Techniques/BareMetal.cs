using VirtPerf.Fixtures.Techniques.BareMetal;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>The baseline technique: netserver directly on the SUT host.</summary>
[Technique(BareMetalFixture.Name)]
public sealed class BareMetal(BareMetalFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<BareMetalFixture>(technique, results, output), IClassFixture<BareMetalFixture>;
