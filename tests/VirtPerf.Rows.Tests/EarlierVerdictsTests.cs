using System.Text.Json;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows.Tests;

public sealed class EarlierVerdictsTests : IDisposable
{
    private const string Fingerprint = "251f673a7ee5";
    private readonly string _results = Directory.CreateTempSubdirectory("vnp-earlier-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public void A_rows_earlier_runs_count_newest_first_when_they_claimed_something_on_this_testbed()
    {
        Write("old", Budget(12.0), hoursAgo: 3);
        Write("new", Widened(Budget(15.9)), hoursAgo: 1);
        Write("busy", Budget(30.0) with { HostBusy = true }, hoursAgo: 2);
        Write("elsewhere", Budget(40.0) with { Fingerprint = "0123456789ab" }, hoursAgo: 2);
        Write("today", Budget(50.0), hoursAgo: 0);
        File.CreateSymbolicLink(Path.Combine(_results, "latest"), "new");
        var logged = new List<string>();

        var earlier = EarlierVerdicts.Of(Settings, "today", "DockerBridge", Scenario.TCP_RR, Fingerprint, logged.Add);

        earlier.Select(v => v.Metrics[0].Overhead.Estimate).Should().Equal(15.9, 12.0);
        earlier[0].Metrics[0].Overhead.WithinRow.Should().Be(Budget(15.9).Metrics[0].Overhead, "a widened interval keeps the run's own");
        logged.Should().BeEmpty();
    }

    [Fact]
    public void A_verdicts_file_that_cannot_be_read_is_left_out_and_named()
    {
        Write("good", Budget(12.0), hoursAgo: 1);
        Directory.CreateDirectory(Path.Combine(_results, "broken"));
        var broken = Path.Combine(_results, "broken", "DockerBridge.TCP_RR.verdicts.json");
        File.WriteAllText(broken, "[{\"kind\": \"budget\",");
        var logged = new List<string>();

        var earlier = EarlierVerdicts.Of(Settings, "today", "DockerBridge", Scenario.TCP_RR, Fingerprint, logged.Add);

        earlier.Should().ContainSingle();
        logged.Should().ContainSingle().Which.Should().Contain(broken).And.Contain("left out of the wander between runs");
    }

    [Fact]
    public void A_results_directory_not_made_yet_has_no_earlier_runs()
    {
        var settings = Settings with { ResultsDirectory = Path.Combine(_results, "none") };

        EarlierVerdicts.Of(settings, "today", "DockerBridge", Scenario.TCP_RR, Fingerprint, _ => { }).Should().BeEmpty();
    }

    private PerfSettings Settings => PerfSettings.FromEnvironment(name => name == "VIRTPERF_RESULTS_DIR" ? _results : null);

    private static Verdict Budget(double estimate) => new(
        "budget", "DockerBridge", Scenario.TCP_RR, Fingerprint,
        [new MetricVerdict(Metric.TransactionRate, new Interval(estimate, estimate - 2, estimate + 2, 0.95, 8, 0, 8), 150, Outcome.WithinBudget, 8, 8)]);

    private static Verdict Widened(Verdict verdict) => verdict with
    {
        Metrics = [.. verdict.Metrics.Select(m => m with { Overhead = m.Overhead with { Low = 0, High = 30, Wander = new Wander(3, 0.05, m.Overhead) } })],
    };

    private void Write(string run, Verdict verdict, int hoursAgo)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_results, run)).FullName, "DockerBridge.TCP_RR.verdicts.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new[] { verdict }, MeasurementJson.Options));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-hoursAgo));
    }
}
