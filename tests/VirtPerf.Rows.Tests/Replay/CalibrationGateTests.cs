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
            .Cap.Should().BeNull();
    }

    [Fact]
    public void A_stream_limit_costs_what_bare_metals_throughput_beside_it_passes_it_and_is_written_with_the_gate()
    {
        var gate = Gate(cap: 4_000, Metric.Throughput, 4_800, 5_000, 6_000);
        gate.CapCostPercent.Should().BeApproximately(25, 1e-9);
        CalibrationGate.ReadLine(System.Text.Json.JsonSerializer.Serialize(gate, MeasurementJson.Options)).Cap
            .Should().Be(new RateCap(Metric.Throughput, 4_000));
    }

    private static CalibrationGate Gate(double? cap, params double[] bareRates) => Gate(cap, Metric.TransactionRate, bareRates);

    private static CalibrationGate Gate(double? cap, Metric metric, params double[] bare) => new(
        "injected", Scenario.UDP_RR, 1, "HTB rate limit", [],
        [.. bare.Select((r, i) => new Iteration(i, DateTimeOffset.UnixEpoch, 1, new Dictionary<Metric, double> { [metric] = r }))],
        [], null, 1, cap is { } limit ? new RateCap(metric, limit) : null);
}
