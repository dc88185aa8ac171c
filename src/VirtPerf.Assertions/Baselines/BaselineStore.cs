using System.Globalization;
using System.Text.Json;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Baselines;

/// <summary>
/// Baselines under a directory (the repository's <c>baselines/</c>): <c>FINGERPRINT/SCENARIO.json</c>, and every
/// replaced baseline under <c>FINGERPRINT/history/</c>. Written only by <see cref="Record"/>, atomically.
/// </summary>
public sealed class BaselineStore(string directory)
{
    /// <summary>The store's root directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>The file holding the baseline of <paramref name="scenario"/> on <paramref name="testbed"/>.</summary>
    public string PathOf(TestbedFingerprint testbed, Scenario scenario) =>
        Path.Combine(Directory, testbed.Id, $"{scenario}.json");

    /// <summary>Stores <paramref name="measurement"/> as the baseline of its testbed and scenario; a baseline it replaces
    /// moves to history first. Returns the file written.</summary>
    public string Record(Measurement measurement)
    {
        var path = PathOf(measurement.Testbed, measurement.Scenario);
        var folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(Baseline.Of(measurement), MeasurementJson.Options));
        if (File.Exists(path))
        {
            var history = Path.Combine(folder, "history");
            System.IO.Directory.CreateDirectory(history);
            var stamp = File.GetLastWriteTimeUtc(path).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            File.Copy(path, Path.Combine(history, $"{measurement.Scenario}.{stamp}.json"), overwrite: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>The baseline of <paramref name="scenario"/> on <paramref name="testbed"/>, or null when none is recorded.
    /// A file that cannot be read as a baseline throws a <see cref="BaselineException"/> naming it and the fix.</summary>
    public Baseline? Load(TestbedFingerprint testbed, Scenario scenario)
    {
        var path = PathOf(testbed, scenario);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Reads one baseline file, checking its format, version and content.</summary>
    public static Baseline Read(string path)
    {
        var fix = $"Restore it (git checkout -- {path}, or a copy from its history/ folder) or record a new one "
            + "with VIRTPERF_RECORD_BASELINE=1 on the BareMetal rows.";
        Baseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<Baseline>(File.ReadAllText(path), MeasurementJson.Options);
        }
        catch (JsonException e)
        {
            throw new BaselineException($"Baseline {path} is not valid JSON ({e.Message}). {fix}", e);
        }

        if (baseline is null || baseline.Format != Baseline.FormatName)
        {
            throw new BaselineException($"{path} is not a VirtNetPerf baseline (no \"format\": \"{Baseline.FormatName}\"). {fix}");
        }

        if (baseline.SchemaVersion != Baseline.CurrentSchemaVersion)
        {
            throw new BaselineException(
                $"Baseline {path} has schema version {baseline.SchemaVersion}; this build reads version "
                + $"{Baseline.CurrentSchemaVersion}. Use the VirtNetPerf version that wrote it, or record a new one.");
        }

        if (baseline.Measurement?.Iterations is not { Count: > 0 } || baseline.Measurement.Testbed is null)
        {
            throw new BaselineException($"Baseline {path} holds no iterations or no testbed fingerprint. {fix}");
        }

        return baseline;
    }
}
