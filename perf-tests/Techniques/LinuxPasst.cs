using VirtPerf.Fixtures.Techniques.LinuxPasst;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>A Linux guest on passt through -netdev stream, ports forwarded on the host address.</summary>
[Technique(LinuxPasstFixture.Name)]
public sealed class LinuxPasst(LinuxPasstFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<LinuxPasstFixture>(technique, results, output), IClassFixture<LinuxPasstFixture>;
