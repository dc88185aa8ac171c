using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Rows;
using VirtPerf.Workloads;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests;

/// <summary>
/// The scenario rows every technique class inherits: one row per scenario. A row's life (measure with bare metal
/// alternately beside the technique, judge, adapt, record, write) is <see cref="TechniqueRow"/>'s; a row here only
/// turns its result into a failure (over budget), a skip (it cannot run here, or claims nothing, with the reason) or a
/// pass. The concrete class carries the <c>[Technique]</c> trait.
/// </summary>
[Collection(PerfRunCollection.Name)]
public abstract class TechniqueRows<TTechnique>(TTechnique technique, ResultsFolder results, ITestOutputHelper output)
    where TTechnique : TechniqueFixture
{
    /// <summary>One netperf scenario (thesis Table 5) on this technique.</summary>
    [ScenarioTheory]
    [ScenarioData(Suite.Netperf)]
    public Task Netperf(Scenario scenario) => RunAsync(scenario);

    /// <summary>One memcached scenario (thesis Table 6) on this technique, under the built-in Mutilate-style load.</summary>
    [ScenarioTheory]
    [ScenarioData(Suite.Memcached)]
    public Task Memcached(Scenario scenario) => RunAsync(scenario);

    /// <summary>memcached's capacity at a latency SLO on this technique against bare metal's beside it: one search per
    /// iteration (README, "Capacity").</summary>
    [ScenarioTheory]
    [ScenarioData(Suite.Capacity)]
    public Task Capacity(Scenario scenario) => RunAsync(scenario);

    private async Task RunAsync(Scenario scenario)
    {
        var row = await new TechniqueRow(technique, results, Log).RunAsync(scenario);
        foreach (var verdict in row.Verdicts)
        {
            row.Measurement!.Should().Pass(verdict);
        }

        Skip.If(row.NotJudged is not null, row.NotJudged);
    }

    /// <summary>Live in the runner's diagnostic output, and kept in the row's own output.</summary>
    private void Log(string line)
    {
        technique.Run.Log($"{technique.Technique} {line}");
        output.WriteLine(line);
    }
}
