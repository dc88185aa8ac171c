using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Docker with NAT: ports published on the host's cable address, reached through DNAT (thesis technique 7).</summary>
[Technique(DockerNatFixture.Name)]
public sealed class DockerNat(DockerNatFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<DockerNatFixture>(technique, results, output), IClassFixture<DockerNatFixture>;
