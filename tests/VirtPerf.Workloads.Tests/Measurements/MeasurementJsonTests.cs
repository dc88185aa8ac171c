using Snapshooter.Xunit;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Workloads.Tests.Measurements;

public sealed class MeasurementJsonTests
{
    internal static Measurement Sample() => new()
    {
        Technique = "BareMetal",
        Scenario = Scenario.TCP_RR,
        RunId = "1a2b3c",
        Testbed = new TestbedFingerprint("local", "AMD EPYC", 2, "6.1.0-18-cloud-amd64", new Dictionary<string, string> { ["netperf"] = "2.7.0" }),
        Profile = Profile.Quick,
        Started = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
        Finished = new DateTimeOffset(2026, 11, 25, 3, 0, 11, TimeSpan.Zero),
        Iterations =
        [
            new Iteration(0, new DateTimeOffset(2026, 11, 25, 3, 0, 1, TimeSpan.Zero), 2.0,
                new Dictionary<Metric, double> { [Metric.TransactionRate] = 31309.5, [Metric.LatencyP50] = 31, [Metric.SutCpu] = 52.2 }),
            new Iteration(1, new DateTimeOffset(2026, 11, 25, 3, 0, 3, TimeSpan.Zero), 2.0,
                new Dictionary<Metric, double> { [Metric.TransactionRate] = 33682.1, [Metric.LatencyP50] = 29, [Metric.SutCpu] = 50.9 }),
        ],
        Context = new Dictionary<string, string> { ["host"] = "sut-1" },
    };

    [Fact]
    public void The_json_form_is_stable()
    {
        MeasurementJson.Serialize(Sample()).MatchSnapshot();
    }

    [Fact]
    public void A_measurement_reads_back_equal_with_every_iteration_value()
    {
        var back = MeasurementJson.Deserialize(MeasurementJson.Serialize(Sample()));

        back.Should().BeEquivalentTo(Sample());
        back.Values(Metric.TransactionRate).Should().Equal(31309.5, 33682.1);
        back.MetricsMeasured.Should().Equal(Metric.TransactionRate, Metric.LatencyP50, Metric.SutCpu);
    }

    [Fact]
    public void The_fingerprint_id_changes_with_any_field_and_not_with_tool_order()
    {
        var fingerprint = Sample().Testbed;
        var tools = new Dictionary<string, string> { ["memcached"] = "1.6.18", ["netperf"] = "2.7.0" };
        var reordered = new Dictionary<string, string> { ["netperf"] = "2.7.0", ["memcached"] = "1.6.18" };

        (fingerprint with { Tools = tools }).Id.Should().Be((fingerprint with { Tools = reordered }).Id);
        (fingerprint with { Kernel = "6.1.0-19-cloud-amd64" }).Id.Should().NotBe(fingerprint.Id);
        (fingerprint with { Cores = 4 }).Id.Should().NotBe(fingerprint.Id);
        fingerprint.Id.Should().MatchRegex("^[0-9a-f]{12}$");
    }
}
