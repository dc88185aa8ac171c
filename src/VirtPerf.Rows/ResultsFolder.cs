using System.Globalization;
using System.Text.Json;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>
/// The run's results folder, <c>results/YYYYMMDD-HHMMSS-RUNID/</c> (or the name <c>VIRTPERF_RUN_FOLDER</c> gives,
/// which lets several invocations of one job share a folder), with a <c>latest</c> link beside it; one JSON
/// file per measured row, named <c>TECHNIQUE.SCENARIO.json</c>, and its verdicts in <c>TECHNIQUE.SCENARIO.verdicts.json</c>.
/// </summary>
public sealed class ResultsFolder
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly Lock _create = new();
    private string? _path;

    /// <summary>Writes <paramref name="measurement"/> atomically into the run's folder under the settings' results directory; returns the file.</summary>
    public string Write(Measurement measurement, PerfSettings settings) =>
        Write(measurement, settings, "json", MeasurementJson.Serialize(measurement));

    /// <summary>Writes the verdicts of <paramref name="measurement"/> beside it; returns the file.</summary>
    public string Write(Measurement measurement, IReadOnlyList<Verdict> verdicts, PerfSettings settings) =>
        Write(measurement, settings, "verdicts.json", JsonSerializer.Serialize(verdicts, MeasurementJson.Options));

    /// <summary>Writes the paired mode's bare-metal measurement of <paramref name="measurement"/>'s row beside it.</summary>
    public string WritePaired(Measurement measurement, Measurement pairedBareMetal, PerfSettings settings) =>
        Write(measurement, settings, "paired-baremetal.json", MeasurementJson.Serialize(pairedBareMetal));

    /// <summary>Null while every write reached the results directory; else why one did not and where this run's files
    /// went instead (a folder under the temporary directory): nothing measured is lost to a write error, and the
    /// rows fail saying where their files are.</summary>
    public string? Rescued { get; private set; }

    private string Write(Measurement measurement, PerfSettings settings, string extension, string json)
    {
        var name = $"{measurement.Technique}.{measurement.Scenario}.{extension}";
        try
        {
            return WriteAtomically(Path.Combine(Folder(settings, measurement.RunId), name), json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (_create)
            {
                _path = Directory.CreateDirectory(RescueFolder(measurement.RunId)).FullName;
                Rescued ??= $"Could not write {name} under {settings.ResultsDirectory} ({e.Message}); this run's files are saved in "
                    + $"{_path} instead. Point VIRTPERF_RESULTS_DIR to a directory you can write.";
            }

            return WriteAtomically(Path.Combine(_path, name), json);
        }
    }

    /// <summary>Where a run's files go when its results folder cannot be written.</summary>
    public static string RescueFolder(string runId) => Path.Combine(Path.GetTempPath(), $"virtnetperf-rescued-{runId}");

    private static string WriteAtomically(string path, string json)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private string Folder(PerfSettings settings, string runId)
    {
        var resultsDirectory = settings.ResultsDirectory;
        lock (_create)
        {
            if (_path is null)
            {
                var name = settings.RunFolder ?? $"{_started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{runId}";
                _path = Directory.CreateDirectory(Path.Combine(resultsDirectory, name)).FullName;
                var latest = Path.Combine(resultsDirectory, "latest");
                File.Delete(latest); // unlink(2): removes the link itself, never the folder it points to
                File.CreateSymbolicLink(latest, name);
            }

            return _path;
        }
    }
}
