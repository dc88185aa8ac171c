using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>OSv guest, QEMU's userspace virtio-net, offload on (thesis technique 3).</summary>
[Technique(OSvVirtioFixture.Name)]
public sealed class OSvVirtio(OSvVirtioFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<OSvVirtioFixture>(technique, results, output), IClassFixture<OSvVirtioFixture>;
