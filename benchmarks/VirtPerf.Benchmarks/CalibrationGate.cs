using System.Text.Json;
using System.Text.Json.Serialization;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>One real gate of the calibration, as run and as recorded (a line of <c>gates.jsonl</c>): bare metal
/// paired with bare metal, the "technique" side perhaps slowed on purpose, every iteration of both sides in order.</summary>
/// <param name="Kind"><c>accepted</c> (the A/A overhead later gates are compared with), <c>aa</c> (a real A/A gate),
/// <c>true-size</c> (a long run measuring an injected slowdown) or <c>injected</c> (a gate with the slowdown on).</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Round">The round of the run it belongs to.</param>
/// <param name="Injection">What slows the technique side, or null.</param>
/// <param name="Technique">The technique side's iterations, in order.</param>
/// <param name="BareMetal">Bare metal's, in order; iteration i pairs with the technique side's i.</param>
/// <param name="Verdicts">The gate's final verdicts: budget, and regression against the accepted overhead.</param>
/// <param name="Noise">The host's load over the gate.</param>
/// <param name="Seconds">Wall-clock seconds the gate took.</param>
/// <param name="Cap">The rate limit when the injection is one (<see cref="Slowdown.Cap"/>); null otherwise.</param>
internal sealed record CalibrationGate(
    string Kind, Scenario Scenario, int Round, string? Injection, IReadOnlyList<Iteration> Technique, IReadOnlyList<Iteration> BareMetal,
    IReadOnlyList<Verdict> Verdicts, HostNoise? Noise, double Seconds, RateCap? Cap = null)
{
    /// <summary>What the rate limit cost this gate's technique side in the capped metric, in percent (the suite's
    /// overhead: bare metal's median beside it over the cap, less 1; 0 when bare metal stayed under the cap), or null
    /// when the injection is no rate limit. A lower bound when the host's rate swings within an iteration (beside other
    /// work, TCP_RR gates whose bare metal ran under the cap on median still lost 2-61%). Derived from the gate, so not
    /// written with it.</summary>
    [JsonIgnore]
    public double? CapCostPercent => Cap is { } cap && BareMetal.Count > 0
        ? Math.Max(0, 100 * (Medians.Of(BareMetal.Select(i => i.Metrics[cap.Metric])) / cap.Limit - 1))
        : null;

    /// <summary>The file of a calibration folder holding its gates, one JSON object per line.</summary>
    public const string FileName = "gates.jsonl";

    private static readonly JsonSerializerOptions OneLine = new(MeasurementJson.Options) { WriteIndented = false };

    /// <summary>Appends this gate to <paramref name="folder"/>'s gates file.</summary>
    public void AppendTo(string folder) =>
        File.AppendAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, OneLine) + "\n");

    /// <summary>Every gate recorded in the folders or gates files given (gzipped when named <c>.gz</c>).</summary>
    public static IReadOnlyList<CalibrationGate> Read(IEnumerable<string> paths) =>
        paths.SelectMany(p => Lines(Directory.Exists(p) ? Path.Combine(p, FileName) : p))
            .Where(line => line.Length > 0)
            .Select(ReadLine)
            .ToList();

    /// <summary>One gate from its line of a gates file.</summary>
    public static CalibrationGate ReadLine(string line) => JsonSerializer.Deserialize<CalibrationGate>(line, MeasurementJson.Options)!;

    /// <summary>Writes <paramref name="gates"/> as gzipped JSON lines to <paramref name="path"/>.</summary>
    public static void WriteCompressed(string path, IEnumerable<CalibrationGate> gates)
    {
        using var file = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(file);
        foreach (var gate in gates)
        {
            writer.WriteLine(JsonSerializer.Serialize(gate, OneLine));
        }
    }

    private static IEnumerable<string> Lines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadLines(path);
        }

        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n');
    }

    /// <summary>The gate with only the figures a gate judges, to 4 significant digits, and no verdicts (a replay judges
    /// again): what the tests keep of recorded gates (tests/VirtPerf.Rows.Tests/Replay/Recorded).</summary>
    public CalibrationGate Excerpt()
    {
        static IReadOnlyList<Iteration> Keep(IReadOnlyList<Iteration> iterations) => iterations
            .Select(i => i with
            {
                Metrics = i.Metrics
                    .Where(m => m.Key is Metric.Throughput or Metric.TransactionRate or Metric.LatencyP50 or Metric.LatencyP99)
                    .ToDictionary(m => m.Key, m => m.Value == 0 ? 0 : Math.Round(m.Value, Math.Max(0, 3 - (int)Math.Floor(Math.Log10(Math.Abs(m.Value)))))),
            })
            .ToList();
        return this with { Technique = Keep(Technique), BareMetal = Keep(BareMetal), Verdicts = [] };
    }

    /// <summary>One side's iterations as a measurement under <paramref name="technique"/>'s name.</summary>
    public Measurement Side(string technique, IReadOnlyList<Iteration> iterations) => new()
    {
        Technique = technique,
        Scenario = Scenario,
        RunId = "calibration",
        Testbed = new TestbedFingerprint("calibration", "", 0, "", new Dictionary<string, string>()),
        Profile = Profile.Quick,
        Started = iterations.Count > 0 ? iterations[0].Started : DateTimeOffset.UnixEpoch,
        Finished = iterations.Count > 0 ? iterations[^1].Started : DateTimeOffset.UnixEpoch,
        Iterations = iterations,
    };
}
