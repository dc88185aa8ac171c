using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>OSv guest, vhost-net, offload on (thesis technique 6).</summary>
[Technique(OSvVhostFixture.Name)]
public sealed class OSvVhost(OSvVhostFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<OSvVhostFixture>(technique, results, output), IClassFixture<OSvVhostFixture>;
