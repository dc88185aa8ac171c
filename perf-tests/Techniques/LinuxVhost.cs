using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Linux guest, vhost-net, offload off (thesis technique 4).</summary>
[Technique(LinuxVhostFixture.Name)]
public sealed class LinuxVhost(LinuxVhostFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<LinuxVhostFixture>(technique, results, output), IClassFixture<LinuxVhostFixture>;
