namespace VirtPerf.Workloads;

/// <summary>Facts about each <see cref="Scenario"/>: its suite and whether it measures latency or throughput.</summary>
public static class Scenarios
{
    /// <summary>The study's netperf scenarios, in the order of thesis Table 5.</summary>
    public static IReadOnlyList<Scenario> Netperf { get; } =
        [Scenario.TCP_STREAM, Scenario.TCP_MAERTS, Scenario.TCP_RR, Scenario.TCP_CRR, Scenario.UDP_STREAM, Scenario.UDP_RR];

    /// <summary>The suite a scenario belongs to (its <c>Suite</c> trait).</summary>
    public static Suite SuiteOf(Scenario scenario) => scenario switch
    {
        _ when Netperf.Contains(scenario) => Suite.Netperf,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>True for request/response scenarios, whose figures are latency and transaction rate.</summary>
    public static bool IsRequestResponse(Scenario scenario) =>
        scenario is Scenario.TCP_RR or Scenario.TCP_CRR or Scenario.UDP_RR;
}
