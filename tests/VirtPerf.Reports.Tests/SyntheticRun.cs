using System.Text.Json;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports.Tests;

/// <summary>A small results folder with fixed numbers, written as the suite writes one (for stable snapshots).</summary>
internal sealed class SyntheticRun : IDisposable
{
    private static readonly TestbedFingerprint Testbed =
        new("local", "AMD EPYC", 2, "6.1.0", new Dictionary<string, string> { ["netperf"] = "2.7.0", ["memcached"] = "1.6.18" });

    private static readonly OverheadBudgets Budgets =
        new(OverheadBudgets.FormatName, 1, 100, [Metric.Throughput, Metric.LatencyP50], 5, [new BudgetRule(40, Technique: "DockerNat", Metric: "LatencyP50")]);

    public SyntheticRun(double natSlowdown = 1.5)
    {
        Folder = Directory.CreateTempSubdirectory("vnp-report-").FullName;
        var bareRr = Rr("BareMetal", 1.0);
        var bareStream = Stream("BareMetal", 1.0);
        Write(bareRr, null);
        Write(bareStream, null);
        Write(Rr("DockerNat", natSlowdown), bareRr);
        Write(Stream("DockerNat", 1 / 0.8), bareStream);
        Write(Rr("DockerBridge", 1.2), bareRr);
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void Write(Measurement measurement, Measurement? baseline)
    {
        var stem = Path.Combine(Folder, $"{measurement.Technique}.{measurement.Scenario}");
        File.WriteAllText(stem + ".json", MeasurementJson.Serialize(measurement));
        if (baseline is not null)
        {
            Verdict[] verdicts = [OverheadGate.AgainstBudget(measurement, baseline, Budgets)];
            File.WriteAllText(stem + ".verdicts.json", JsonSerializer.Serialize(verdicts, MeasurementJson.Options));
        }
    }

    private static Measurement Rr(string technique, double slowdown) => Measured(technique, Scenario.TCP_RR, i => new Dictionary<Metric, double>
    {
        [Metric.TransactionRate] = 40000 / slowdown * (1 + (0.01 * i)),
        [Metric.LatencyMean] = 25 * slowdown * (1 - (0.01 * i)),
        [Metric.LatencyP50] = 24 * slowdown * (1 - (0.01 * i)),
        [Metric.LatencyP90] = 30 * slowdown,
        [Metric.ClientCpu] = 30 + i,
    });

    private static Measurement Stream(string technique, double slowdown) => Measured(technique, Scenario.TCP_STREAM, i => new Dictionary<Metric, double>
    {
        [Metric.Throughput] = 7000 / slowdown * (1 + (0.02 * (i - 2))),
        [Metric.ClientCpu] = 40 + i,
    });

    private static Measurement Measured(string technique, Scenario scenario, Func<int, Dictionary<Metric, double>> iteration)
    {
        var start = new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
        return new Measurement
        {
            Technique = technique,
            Scenario = scenario,
            RunId = "1a2b3c",
            Testbed = Testbed,
            Profile = Profile.Quick,
            Started = start,
            Finished = start.AddSeconds(11),
            Iterations = Enumerable.Range(0, 6).Select(i => new Iteration(i, start.AddSeconds(2 * i), 2, iteration(i))).ToList(),
        };
    }
}
