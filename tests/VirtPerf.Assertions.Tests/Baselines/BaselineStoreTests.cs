using VirtPerf.Assertions.Baselines;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Baselines;

public sealed class BaselineStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-baselines-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Measurement Measured(double rate) => new()
    {
        Technique = "BareMetal",
        Scenario = Scenario.TCP_RR,
        RunId = "1a2b3c",
        Testbed = new TestbedFingerprint("local", "AMD EPYC", 2, "6.1.0", new Dictionary<string, string> { ["netperf"] = "2.7.0" }),
        Profile = Profile.Quick,
        Started = DateTimeOffset.UnixEpoch,
        Finished = DateTimeOffset.UnixEpoch.AddSeconds(11),
        Iterations = [new Iteration(0, DateTimeOffset.UnixEpoch, 2, new Dictionary<Metric, double> { [Metric.TransactionRate] = rate, [Metric.LatencyP50] = 1e6 / rate })],
    };

    [Fact]
    public void A_recorded_baseline_loads_back_with_its_iterations_under_the_fingerprint_and_scenario()
    {
        var store = new BaselineStore(_directory);

        var path = store.Record(Measured(31000));

        path.Should().Be(Path.Combine(_directory, Measured(0).Testbed.Id, "TCP_RR.json"));
        var baseline = store.Load(Measured(0).Testbed, Scenario.TCP_RR)!;
        baseline.Format.Should().Be("virtnetperf.baseline");
        baseline.SchemaVersion.Should().Be(1);
        baseline.Measurement.Values(Metric.TransactionRate).Should().Equal(31000);
    }

    [Fact]
    public void Recording_again_keeps_the_previous_baseline_in_history()
    {
        var store = new BaselineStore(_directory);
        var first = store.Record(Measured(31000));
        var firstText = File.ReadAllText(first);

        store.Record(Measured(35000));

        store.Load(Measured(0).Testbed, Scenario.TCP_RR)!.Measurement.Values(Metric.TransactionRate).Should().Equal(35000);
        var history = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(first)!, "history"));
        history.Should().ContainSingle().Which.Should().Match("*TCP_RR.*Z.json");
        File.ReadAllText(history[0]).Should().Be(firstText);
        Directory.GetFiles(Path.GetDirectoryName(first)!, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void No_baseline_is_null_not_an_error()
    {
        new BaselineStore(_directory).Load(Measured(0).Testbed, Scenario.UDP_RR).Should().BeNull();
    }

    [Theory]
    [InlineData("{ \"format\": \"virtnetperf.baseline\", \"schemaVersion\": 1, \"measurem", "not valid JSON at line 1")]
    [InlineData("[1, 2, 3]", "holds no JSON object")]
    [InlineData("{ \"something\": \"else\" }", "$.format is missing, not \"virtnetperf.baseline\": this is no baseline")]
    [InlineData("{ \"format\": \"virtnetperf.baseline\", \"schemaVersion\": 9, \"recorded\": \"2026-01-01T00:00:00Z\", \"measurement\": null }", "$.schemaVersion is 9; this build reads version 1")]
    public void A_damaged_baseline_names_the_file_and_the_fix(string content, string problem)
    {
        var store = new BaselineStore(_directory);
        var path = store.PathOf(Measured(0).Testbed, Scenario.TCP_RR);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);

        var load = () => store.Load(Measured(0).Testbed, Scenario.TCP_RR);

        load.Should().Throw<BaselineException>().Which.Message.Should().Contain(path).And.Contain(problem);
    }

    [Fact]
    public void A_truncated_recorded_file_is_reported_with_the_way_to_restore_it()
    {
        var store = new BaselineStore(_directory);
        var path = store.Record(Measured(31000));
        File.WriteAllText(path, File.ReadAllText(path)[..200]);

        var load = () => store.Load(Measured(0).Testbed, Scenario.TCP_RR);

        load.Should().Throw<BaselineException>()
            .WithMessage($"Baseline {path}: not valid JSON at line *Restore it (git checkout -- {path}*VIRTPERF_RECORD_BASELINE=1*");
    }
}
