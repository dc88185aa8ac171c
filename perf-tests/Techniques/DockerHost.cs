using VirtPerf.Fixtures.Techniques.DockerHost;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Docker on the host's network: a container without a virtual NIC.</summary>
[Technique(DockerHostFixture.Name)]
public sealed class DockerHost(DockerHostFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<DockerHostFixture>(technique, results, output), IClassFixture<DockerHostFixture>;
