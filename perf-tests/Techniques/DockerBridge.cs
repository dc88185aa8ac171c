using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Docker, bridged: the container's own address, routed through the host, no NAT (thesis technique 8).</summary>
[Technique(DockerBridgeFixture.Name)]
public sealed class DockerBridge(DockerBridgeFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<DockerBridgeFixture>(technique, results, output), IClassFixture<DockerBridgeFixture>;
