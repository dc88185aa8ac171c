using VirtPerf.Assertions.Baselines;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Baselines;

/// <summary>A baseline is only used on the testbed it was recorded on, unless a user says otherwise.</summary>
public sealed class BaselineFingerprintTests : IDisposable
{
    private static readonly TestbedFingerprint Here = Sample.Testbed;
    private static readonly TestbedFingerprint Elsewhere = Here with
    {
        Kernel = "6.12.0",
        Tools = new Dictionary<string, string> { ["netperf"] = "2.7.1", ["memcached"] = "1.6.18" },
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-baselines-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void This_testbeds_own_baseline_is_used_without_a_note()
    {
        var store = new BaselineStore(_directory);
        store.Record(Sample.Rr("BareMetal", 40000) with { Testbed = Here });

        var (baseline, note) = store.LoadFor(Here, Scenario.TCP_RR)!.Value;

        baseline.Measurement.Values(Metric.TransactionRate).Should().Equal(40000);
        note.Should().BeNull();
    }

    [Fact]
    public void Only_another_testbeds_baseline_is_refused_with_the_fields_that_differ_and_the_fixes()
    {
        var store = new BaselineStore(_directory);
        store.Record(Sample.Rr("BareMetal", 40000) with { Testbed = Elsewhere });

        var load = () => store.LoadFor(Here, Scenario.TCP_RR);

        load.Should().Throw<BaselineException>().WithMessage(
            $"No TCP_RR baseline for this testbed ({Here.Id}); baselines of other testbeds exist: {Elsewhere.Id} (differs in "
            + "kernel: '6.1.0' vs '6.12.0'; tools.netperf: '2.7.0' vs '2.7.1'). Record one here with VIRTPERF_RECORD_BASELINE=1*"
            + $"or compare with another testbed's knowingly with VIRTPERF_BASELINE_FROM=<id>.");
    }

    [Fact]
    public void Another_testbeds_baseline_accepted_knowingly_comes_with_a_note_of_the_differences()
    {
        var store = new BaselineStore(_directory);
        store.Record(Sample.Rr("BareMetal", 40000) with { Testbed = Elsewhere });

        var (_, note) = store.LoadFor(Here, Scenario.TCP_RR, acceptFrom: Elsewhere.Id)!.Value;

        note.Should().Be($"baseline of another testbed ({Elsewhere.Id}) accepted knowingly; differs in kernel: '6.1.0' vs '6.12.0'; tools.netperf: '2.7.0' vs '2.7.1'");
    }

    [Fact]
    public void A_baseline_moved_into_the_wrong_fingerprint_folder_is_refused()
    {
        var store = new BaselineStore(_directory);
        var recorded = store.Record(Sample.Rr("BareMetal", 40000) with { Testbed = Elsewhere });
        Directory.CreateDirectory(Path.GetDirectoryName(store.PathOf(Here, Scenario.TCP_RR))!);
        File.Copy(recorded, store.PathOf(Here, Scenario.TCP_RR));

        var load = () => store.LoadFor(Here, Scenario.TCP_RR);

        load.Should().Throw<BaselineException>().WithMessage("*was recorded on another testbed than its folder says (kernel: '6.1.0' vs '6.12.0'*");
    }

    [Fact]
    public void A_techniques_accepted_overhead_lives_beside_the_baselines_and_never_replaces_one()
    {
        var store = new BaselineStore(_directory);
        store.Record(Sample.Rr("BareMetal", 40000));

        var path = store.Record(AcceptedOverhead.Of(Sample.Rr("DockerNat", 30000, 31000), Sample.Rr("BareMetal", 40000, 41000)));

        path.Should().Be(Path.Combine(_directory, Here.Id, "accepted", "DockerNat.TCP_RR.json"));
        store.Load(Here, Scenario.TCP_RR)!.Measurement.Technique.Should().Be("BareMetal");
        store.LoadAccepted(Here, Scenario.TCP_RR, "DockerNat")!.LogRatios(Metric.TransactionRate)
            .Should().Equal(Math.Log(40000.0 / 30000), Math.Log(41000.0 / 31000));
        var misfiled = () => store.Record(Sample.Rr("DockerNat", 30000));
        misfiled.Should().Throw<ArgumentException>().WithMessage("*accepted overhead*");
    }

    [Fact]
    public void An_accepted_measurement_of_an_earlier_version_is_refused_with_the_way_to_record_again()
    {
        var store = new BaselineStore(_directory);
        var path = store.AcceptedPathOf(Here, Scenario.TCP_RR, "DockerNat");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(Baseline.Of(Sample.Rr("DockerNat", 30000)), MeasurementJson.Options));

        var load = () => store.LoadAccepted(Here, Scenario.TCP_RR, "DockerNat");

        load.Should().Throw<BaselineException>().WithMessage($"Accepted overhead {path}: $.format is \"virtnetperf.baseline\", not \"virtnetperf.accepted-overhead\"*VIRTPERF_RECORD_BASELINE=1 on the DockerNat rows*");
    }

    [Fact]
    public void With_no_baseline_anywhere_there_is_nothing_to_judge_against()
    {
        new BaselineStore(_directory).LoadFor(Here, Scenario.TCP_RR).Should().BeNull();
    }
}
