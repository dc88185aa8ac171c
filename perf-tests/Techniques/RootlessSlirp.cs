using VirtPerf.Fixtures.Techniques.RootlessSlirp;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Rootless Podman on slirp4netns: a user-space TCP/IP stack forwards the ports.</summary>
[Technique(RootlessSlirpFixture.Name)]
public sealed class RootlessSlirp(RootlessSlirpFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<RootlessSlirpFixture>(technique, results, output), IClassFixture<RootlessSlirpFixture>;
