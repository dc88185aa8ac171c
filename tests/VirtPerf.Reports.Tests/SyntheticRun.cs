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
        new(OverheadBudgets.FormatName, 1, 100, [Metric.Throughput, Metric.LatencyP50, Metric.Capacity], 5, [new BudgetRule(40, Technique: "DockerNat", Metric: "LatencyP50")]);

    /// <summary>The SLO every capacity search of the run looked for, as its command line says.</summary>
    public const string CapacitySlo = "99:500";

    /// <summary>A run's folder: netperf rows (BareMetal, DockerNat, DockerBridge) when <paramref name="netperf"/>;
    /// paired capacity rows (DockerNat loses 40% of bare metal's capacity, DockerBridge 20%) when
    /// <paramref name="capacity"/>, each of <see cref="IterationsPerRow"/> searches with <see cref="PointsPerSearch"/> points.</summary>
    public SyntheticRun(double natSlowdown = 1.5, bool netperf = true, bool capacity = false)
    {
        Folder = Directory.CreateTempSubdirectory("vnp-report-").FullName;
        if (netperf)
        {
            var bareRr = Rr("BareMetal", 1.0);
            var bareStream = Stream("BareMetal", 1.0);
            Write(bareRr, null);
            Write(bareStream, null);
            Write(Rr("DockerNat", natSlowdown), bareRr);
            Write(Stream("DockerNat", 1 / 0.8), bareStream);
            Write(Rr("DockerBridge", 1.2), bareRr);
        }

        if (capacity)
        {
            WritePaired(Capacity("DockerNat", 60000), Capacity("BareMetal", 100000));
            WritePaired(Capacity("DockerBridge", 80000), Capacity("BareMetal", 100000));
        }
    }

    /// <summary>Iterations of every row's side (of a capacity row, searches).</summary>
    public const int IterationsPerRow = 6;

    /// <summary>Points of each search: the closed-loop peak, then five open-loop rates.</summary>
    public const int PointsPerSearch = 6;

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

    private void WritePaired(Measurement measurement, Measurement bare)
    {
        Write(measurement, bare);
        File.WriteAllText(Path.Combine(Folder, $"{measurement.Technique}.{measurement.Scenario}.paired-baremetal.json"), MeasurementJson.Serialize(bare));
    }

    private static Measurement Capacity(string technique, double capacity)
    {
        var measured = Measured(technique, Scenario.MemcachedCapacity, i => new Dictionary<Metric, double> { [Metric.Capacity] = capacity * (1 + (0.01 * i)) });
        return measured with
        {
            Iterations = [.. measured.Iterations.Select(i => i with { Points = Search(i.Metrics[Metric.Capacity]) })],
            Context = new Dictionary<string, string> { ["command"] = $"dotnet VirtPerf.Mutilate.dll -s 198.18.0.2:11211 -c 4 -d 4 --json --search {CapacitySlo}" },
        };
    }

    /// <summary>A search as the generator makes one: the closed-loop peak (offered 0), half of it, then bisection up
    /// to <paramref name="capacity"/>, with p99 = 60 + 400 (rate / capacity)^6 us.</summary>
    private static List<LoadPoint> Search(double capacity) =>
    [
        new(0, 1.3 * capacity, 900, 5000),
        .. new[] { 0.65, 0.975, 1.1375, 1.05625, 1.0 }.Select(x => new LoadPoint(x * capacity, x * capacity, 20 + (60 * Math.Pow(x, 6)), 60 + (400 * Math.Pow(x, 6)))),
    ];

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
            Iterations = Enumerable.Range(0, IterationsPerRow).Select(i => new Iteration(i, start.AddSeconds(2 * i), 2, iteration(i))).ToList(),
        };
    }
}
