using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Linux guest, vhost-net, offload on (thesis technique 5).</summary>
[Technique(LinuxVhostOffloadFixture.Name)]
public sealed class LinuxVhostOffload(LinuxVhostOffloadFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<LinuxVhostOffloadFixture>(technique, results, output), IClassFixture<LinuxVhostOffloadFixture>;
