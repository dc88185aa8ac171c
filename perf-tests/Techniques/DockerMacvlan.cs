using VirtPerf.Fixtures.Techniques.DockerMacvlan;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Docker on a macvlan network on the cable: the container on the link, no bridge, no NAT.</summary>
[Technique(DockerMacvlanFixture.Name)]
public sealed class DockerMacvlan(DockerMacvlanFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<DockerMacvlanFixture>(technique, results, output), IClassFixture<DockerMacvlanFixture>;
