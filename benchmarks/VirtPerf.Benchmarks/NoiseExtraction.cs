using System.Globalization;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>
/// Extracts the iteration-to-iteration noise of the results folders under a results directory into a
/// <see cref="NoiseFile"/>: per scenario and gated metric, every iteration's value divided by its own measurement's mean
/// of that metric, pooled over all techniques. The <c>latest</c> link is skipped (it repeats a run folder).
/// </summary>
internal static class NoiseExtraction
{
    private const int Digits = 6;

    public static int Run(string resultsDirectory, string output)
    {
        var sources = Read(resultsDirectory);
        if (sources.Count == 0)
        {
            Console.Error.WriteLine($"No measurements under {resultsDirectory}/*/*.json.");
            return 1;
        }

        var excluded = new List<NoiseExclusion>();
        var pools = new List<NoisePool>();
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            foreach (var metric in NoiseFile.GatedMetrics)
            {
                var measurements = new List<NoiseMeasurement>();
                foreach (var (file, run, m) in sources.Where(s => s.Measurement.Scenario == scenario))
                {
                    if (!m.MetricsMeasured.Contains(metric))
                    {
                        continue;
                    }

                    var values = m.Values(metric);
                    if (values.Any(v => !double.IsFinite(v) || v <= 0))
                    {
                        // A zero iteration is a failed workload (e.g. UDP_STREAM datagrams all dropped), not noise.
                        excluded.Add(new NoiseExclusion(file, metric, $"an iteration is 0 or less: {string.Join(", ", values)}"));
                        continue;
                    }

                    var mean = values.Average();
                    measurements.Add(new NoiseMeasurement(m.Technique, run, Math.Round(mean, Digits), values.Select(v => Math.Round(v / mean, Digits)).ToList()));
                }

                if (measurements.Count > 0)
                {
                    pools.Add(Pool(scenario, metric, measurements));
                }
            }
        }

        var all = sources.Select(s => s.Measurement).ToList();
        var first = all[0].Testbed;
        if (all.Any(m => (m.Testbed.Testbed, m.Testbed.CpuModel, m.Testbed.Cores, m.Testbed.Kernel) != (first.Testbed, first.CpuModel, first.Cores, first.Kernel)))
        {
            Console.Error.WriteLine("The results come from more than one machine (testbed, CPU, cores or kernel differ): extract them separately.");
            return 1;
        }

        var noise = new NoiseFile(
            NoiseFile.FormatName, NoiseFile.CurrentSchemaVersion,
            "Iteration-to-iteration noise of the gated metrics on one machine: for each measurement (one technique, one "
            + "scenario, its iterations) and metric, every iteration's value divided by that measurement's mean of the "
            + "metric, pooled per scenario and metric over all techniques. Written by `dotnet run --project "
            + "benchmarks/VirtPerf.Benchmarks -c Release -- extract-noise RESULTS_DIR OUTPUT`; read by the gate simulation.",
            new NoiseMachine(first.Testbed, first.CpuModel, first.Cores, first.Kernel),
            all.GroupBy(m => m.Testbed.Id).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new NoiseFingerprint(g.Key, new SortedDictionary<string, string>(g.First().Testbed.Tools.ToDictionary()), g.Count()))
                .ToList(),
            all.Min(m => m.Started), all.Max(m => m.Finished),
            all.Select(m => $"{m.Profile.Name} {m.Iterations.Count} x {m.Profile.IterationSeconds} s").Distinct().Order(StringComparer.Ordinal).ToList(),
            sources.Select(s => s.Run).Distinct().Order(StringComparer.Ordinal).ToList(),
            excluded, pools);
        noise.Save(output);
        Print(noise, output);
        return 0;
    }

    private static List<(string File, string Run, Measurement Measurement)> Read(string resultsDirectory) =>
        new DirectoryInfo(resultsDirectory).EnumerateDirectories()
            .Where(d => d.LinkTarget is null)
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .SelectMany(d => d.EnumerateFiles("*.json").Where(f => !f.Name.EndsWith(".verdicts.json", StringComparison.Ordinal))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => ($"{d.Name}/{f.Name}", d.Name, MeasurementJson.Deserialize(File.ReadAllText(f.FullName)))))
            .ToList();

    private static NoisePool Pool(Scenario scenario, Metric metric, List<NoiseMeasurement> measurements)
    {
        var order = Techniques.All.ToList();
        measurements = measurements
            .OrderBy(m => order.IndexOf(m.Technique) is var i && i < 0 ? int.MaxValue : i).ThenBy(m => m.Technique, StringComparer.Ordinal)
            .ThenBy(m => m.Run, StringComparer.Ordinal)
            .ToList();
        var residuals = measurements.SelectMany(m => m.Residuals).ToList();
        var mean = residuals.Average();
        var sd = Math.Sqrt(residuals.Sum(r => (r - mean) * (r - mean)) / (residuals.Count - 1));
        var techniques = measurements.GroupBy(m => m.Technique)
            .ToDictionary(g => g.Key, g => new NoiseCount(g.Count(), g.Sum(m => m.Residuals.Count)));
        return new NoisePool(scenario, metric, techniques, measurements.Count, residuals.Count, Math.Round(sd, Digits), measurements);
    }

    private static void Print(NoiseFile noise, string output)
    {
        Console.WriteLine($"Noise of {noise.Runs.Count} runs ({noise.From:u} to {noise.To:u}) on {noise.Machine.CpuModel}, "
            + $"{noise.Machine.Cores} CPUs, kernel {noise.Machine.Kernel}, written to {output}");
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-16} {"metric",-16} {"files",5} {"iters",5} {"sd %",6}  techniques (files)");
        Console.WriteLine(new string('-', 100));
        foreach (var pool in noise.Pools)
        {
            var techniques = string.Join(", ", pool.Techniques.Select(t => $"{t.Key} {t.Value.Files}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{pool.Scenario,-16} {pool.Metric,-16} {pool.Files,5} {pool.Iterations,5} {pool.StandardDeviation * 100,6:0.0}  {techniques}"));
        }

        foreach (var exclusion in noise.Excluded)
        {
            Console.WriteLine($"excluded {exclusion.File} {exclusion.Metric}: {exclusion.Reason}");
        }
    }
}
