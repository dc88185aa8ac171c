using System.Globalization;
using System.Text.Json;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>
/// The run's results folder, <c>results/YYYYMMDD-HHMMSS-RUNID/</c> (or the name <c>VIRTPERF_RUN_FOLDER</c> gives,
/// which lets several invocations of one job share a folder), with a <c>latest</c> link beside it; one JSON
/// file per measured row, named <c>TECHNIQUE.SCENARIO.json</c>, its verdicts in <c>TECHNIQUE.SCENARIO.verdicts.json</c>,
/// its latency histograms (memcached rows) in <c>TECHNIQUE.SCENARIO.hlog</c>, and the paired bare metal's alike.
/// </summary>
public sealed class ResultsFolder
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly Lock _create = new();
    private string? _path;

    /// <summary>Writes <paramref name="measurement"/> atomically into the run's folder under the settings' results
    /// directory, its iterations' latency histograms beside it (<see cref="LatencyLog"/>) where it has them; returns the file.</summary>
    public string Write(Measurement measurement, PerfSettings settings) => WriteWithLatencies(measurement, measurement, settings, "");

    /// <summary>Writes the verdicts of <paramref name="measurement"/> beside it; returns the file.</summary>
    public string Write(Measurement measurement, IReadOnlyList<Verdict> verdicts, PerfSettings settings) =>
        Write(measurement, settings, "verdicts.json", JsonSerializer.Serialize(verdicts, MeasurementJson.Options));

    /// <summary>Writes the paired mode's bare-metal measurement of <paramref name="measurement"/>'s row beside it.</summary>
    public string WritePaired(Measurement measurement, Measurement pairedBareMetal, PerfSettings settings) =>
        WriteWithLatencies(measurement, pairedBareMetal, settings, "paired-baremetal.");

    private string WriteWithLatencies(Measurement row, Measurement measured, PerfSettings settings, string kind)
    {
        if (LatencyLog.Of(measured.Iterations) is { } log)
        {
            Write(row, settings, kind + LatencyLog.Extension.TrimStart('.'), log);
        }

        return Write(row, settings, kind + "json", MeasurementJson.Serialize(measured));
    }

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

    /// <summary>The name of this run's folder under the results directory.</summary>
    public string Name(PerfSettings settings, string runId) =>
        settings.RunFolder ?? $"{_started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{runId}";

    private string Folder(PerfSettings settings, string runId)
    {
        var resultsDirectory = settings.ResultsDirectory;
        lock (_create)
        {
            if (_path is null)
            {
                var name = Name(settings, runId);
                _path = Directory.CreateDirectory(Path.Combine(resultsDirectory, name)).FullName;
                var latest = Path.Combine(resultsDirectory, "latest");
                File.Delete(latest); // unlink(2): removes the link itself, never the folder it points to
                File.CreateSymbolicLink(latest, name);
            }

            return _path;
        }
    }
}
