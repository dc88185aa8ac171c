using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Linux guest, QEMU's userspace virtio-net, offload off (thesis technique 1).</summary>
[Technique(LinuxVirtioFixture.Name)]
public sealed class LinuxVirtio(LinuxVirtioFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<LinuxVirtioFixture>(technique, results, output), IClassFixture<LinuxVirtioFixture>;
