using VirtPerf.Benchmarks;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows.Tests.Replay;

/// <summary>What a rate limit cost a calibration gate: read from bare metal's rate beside it, since a cap costs only
/// what the host would do above it.</summary>
public sealed class CalibrationGateTests
{
    [Fact]
    public void A_cap_costs_what_bare_metal_beside_it_does_above_it()
    {
        Gate(cap: 25_000, 28_000, 30_000, 35_000).CapCostPercent.Should().BeApproximately(20, 1e-9);
    }

    [Fact]
    public void A_cap_over_bare_metals_rate_costs_nothing()
    {
        Gate(cap: 25_000, 20_000, 24_000, 30_000).CapCostPercent.Should().Be(0);
    }

    [Fact]
    public void A_gate_without_a_rate_limit_has_no_cap_cost_and_old_recordings_read_without_one()
    {
        Gate(cap: null, 20_000).CapCostPercent.Should().BeNull();
        CalibrationGate.ReadLine("""{"kind":"injected","scenario":"UDP_RR","round":1,"injection":"CPU quota","technique":[],"bareMetal":[],"verdicts":[],"noise":null,"seconds":1}""")
            .TransactionCap.Should().BeNull();
    }

    private static CalibrationGate Gate(double? cap, params double[] bareRates) => new(
        "injected", Scenario.UDP_RR, 1, "HTB rate limit", [],
        [.. bareRates.Select((r, i) => new Iteration(i, DateTimeOffset.UnixEpoch, 1, new Dictionary<Metric, double> { [Metric.TransactionRate] = r }))],
        [], null, 1, cap);
}
