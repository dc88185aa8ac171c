using System.Text.Encodings.Web;
using System.Text.Json;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

// The shape of tests/VirtPerf.Assertions.Tests/Gate/Noise/noise.json. This file is compiled into the benchmarks (which
// write it: extract-noise) and linked into VirtPerf.Assertions.Tests (which read it), so the shape lives in one place.

/// <summary>Iteration-to-iteration noise recorded on one machine: relative residuals per scenario and gated metric.</summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="SchemaVersion">The file's layout version.</param>
/// <param name="Description">What the numbers are, in one paragraph.</param>
/// <param name="Machine">The machine the results were measured on (the testbed fingerprints without their tools).</param>
/// <param name="Fingerprints">Every testbed fingerprint of the source files: id and tool versions.</param>
/// <param name="From">Start of the earliest source measurement.</param>
/// <param name="To">End of the latest source measurement.</param>
/// <param name="Profiles">The profiles of the source measurements, e.g. <c>quick 5 x 2 s</c>.</param>
/// <param name="Runs">The results folders read, by name.</param>
/// <param name="Excluded">Measurements of a gated metric left out, with the reason.</param>
/// <param name="Pools">One pool per scenario and gated metric.</param>
internal sealed record NoiseFile(
    string Format, int SchemaVersion, string Description, NoiseMachine Machine, IReadOnlyList<NoiseFingerprint> Fingerprints,
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Profiles, IReadOnlyList<string> Runs,
    IReadOnlyList<NoiseExclusion> Excluded, IReadOnlyList<NoisePool> Pools)
{
    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "virtnetperf.noise";

    /// <summary>The layout version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The metrics the gate judges by default (issue 6), in enum order.</summary>
    public static IReadOnlyList<Metric> GatedMetrics { get; } =
        [Metric.Throughput, Metric.TransactionRate, Metric.LatencyP50, Metric.LatencyP99];

    /// <summary>The pool of one scenario and metric.</summary>
    public NoisePool Pool(Scenario scenario, Metric metric) =>
        Pools.SingleOrDefault(p => p.Scenario == scenario && p.Metric == metric)
        ?? throw new KeyNotFoundException($"The noise file has no pool for {scenario} {metric}.");

    /// <summary>Reads a noise file, refusing other formats and versions.</summary>
    public static NoiseFile Load(string path)
    {
        var noise = JsonSerializer.Deserialize<NoiseFile>(File.ReadAllText(path), MeasurementJson.Options);
        return noise is { Format: FormatName, SchemaVersion: CurrentSchemaVersion }
            ? noise
            : throw new InvalidDataException($"{path} is not a {FormatName} file of schema version {CurrentSchemaVersion}.");
    }

    /// <summary>Writes the file as indented JSON (camelCase, enums by name, text unescaped) with a final newline.</summary>
    public void Save(string path) => File.WriteAllText(
        path, JsonSerializer.Serialize(this, new JsonSerializerOptions(MeasurementJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
}

/// <summary>The machine the noise was recorded on.</summary>
/// <param name="Testbed">The testbed kind, e.g. <c>local</c>.</param>
/// <param name="CpuModel">The CPU model as /proc/cpuinfo names it.</param>
/// <param name="Cores">Logical CPUs.</param>
/// <param name="Kernel">The kernel release.</param>
internal sealed record NoiseMachine(string Testbed, string CpuModel, int Cores, string Kernel);

/// <summary>One testbed fingerprint among the source files.</summary>
/// <param name="Id">The fingerprint id.</param>
/// <param name="Tools">The tool versions it hashes.</param>
/// <param name="Files">How many source files carry it.</param>
internal sealed record NoiseFingerprint(string Id, IReadOnlyDictionary<string, string> Tools, int Files);

/// <summary>A source measurement's metric left out of the pools.</summary>
/// <param name="File">The file, relative to the results folder.</param>
/// <param name="Metric">The metric left out.</param>
/// <param name="Reason">Why.</param>
internal sealed record NoiseExclusion(string File, Metric Metric, string Reason);

/// <summary>The relative residuals of one scenario and metric, pooled over every technique's measurements.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Techniques">Per technique, how many measurements and iterations it contributes.</param>
/// <param name="Files">Measurements pooled.</param>
/// <param name="Iterations">Residuals pooled.</param>
/// <param name="StandardDeviation">Standard deviation of the pooled residuals (the relative noise of one iteration).</param>
/// <param name="Measurements">Each source measurement: its mean and its iterations' residuals.</param>
internal sealed record NoisePool(
    Scenario Scenario, Metric Metric, IReadOnlyDictionary<string, NoiseCount> Techniques, int Files, int Iterations,
    double StandardDeviation, IReadOnlyList<NoiseMeasurement> Measurements)
{
    /// <summary>Every residual of the pool, in file order.</summary>
    public IReadOnlyList<double> Residuals() => Measurements.SelectMany(m => m.Residuals).ToList();
}

/// <summary>What one technique contributes to a pool.</summary>
/// <param name="Files">Its measurements.</param>
/// <param name="Iterations">Their iterations.</param>
internal sealed record NoiseCount(int Files, int Iterations);

/// <summary>One source measurement of a pool.</summary>
/// <param name="Technique">Its technique.</param>
/// <param name="Run">Its results folder.</param>
/// <param name="Mean">Its mean of the metric, in the metric's unit.</param>
/// <param name="Residuals">Each iteration's value divided by <paramref name="Mean"/>, in iteration order.</param>
internal sealed record NoiseMeasurement(string Technique, string Run, double Mean, IReadOnlyList<double> Residuals);
