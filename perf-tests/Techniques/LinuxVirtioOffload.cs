using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Linux guest, QEMU's userspace virtio-net, offload on (thesis technique 2).</summary>
[Technique(LinuxVirtioOffloadFixture.Name)]
public sealed class LinuxVirtioOffload(LinuxVirtioOffloadFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<LinuxVirtioOffloadFixture>(technique, results, output), IClassFixture<LinuxVirtioOffloadFixture>;
