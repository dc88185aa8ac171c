using VirtPerf.Fixtures.Techniques.RootlessPasta;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests.Techniques;

/// <summary>Rootless Podman on pasta: host sockets mapped into the container's namespace.</summary>
[Technique(RootlessPastaFixture.Name)]
public sealed class RootlessPasta(RootlessPastaFixture technique, ResultsFolder results, ITestOutputHelper output)
    : TechniqueRows<RootlessPastaFixture>(technique, results, output), IClassFixture<RootlessPastaFixture>;
