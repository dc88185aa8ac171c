using VirtPerf.Fixtures.Techniques.LinuxUserNet;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>A Linux guest on QEMU's user-mode networking (slirp), ports forwarded on the host address.</summary>
[Technique(LinuxUserNetFixture.Name)]
public sealed class LinuxUserNet(LinuxUserNetFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<LinuxUserNetFixture>(technique, results, output), IClassFixture<LinuxUserNetFixture>;
