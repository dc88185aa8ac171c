using System.Text.Json;
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
internal sealed record CalibrationGate(
    string Kind, Scenario Scenario, int Round, string? Injection, IReadOnlyList<Iteration> Technique, IReadOnlyList<Iteration> BareMetal,
    IReadOnlyList<Verdict> Verdicts, HostNoise? Noise, double Seconds)
{
    /// <summary>The file of a calibration folder holding its gates, one JSON object per line.</summary>
    public const string FileName = "gates.jsonl";

    private static readonly JsonSerializerOptions OneLine = new(MeasurementJson.Options) { WriteIndented = false };

    /// <summary>Appends this gate to <paramref name="folder"/>'s gates file.</summary>
    public void AppendTo(string folder) =>
        File.AppendAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, OneLine) + "\n");

    /// <summary>Every gate recorded in the folders or gates files given.</summary>
    public static IReadOnlyList<CalibrationGate> Read(IEnumerable<string> paths) =>
        paths.SelectMany(p => File.ReadLines(Directory.Exists(p) ? Path.Combine(p, FileName) : p))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<CalibrationGate>(line, MeasurementJson.Options)!)
            .ToList();

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
