using System.Globalization;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.PerfTests;

/// <summary>
/// The run's results folder, <c>results/YYYYMMDD-HHMMSS-RUNID/</c>, with a <c>latest</c> link beside it; one JSON
/// file per measured row, named <c>TECHNIQUE.SCENARIO.json</c>.
/// </summary>
public sealed class ResultsFolder
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly Lock _create = new();
    private string? _path;

    /// <summary>Writes <paramref name="measurement"/> atomically under <paramref name="resultsDirectory"/>; returns the file.</summary>
    public string Write(Measurement measurement, string resultsDirectory)
    {
        var folder = Folder(resultsDirectory, measurement.RunId);
        var path = Path.Combine(folder, $"{measurement.Technique}.{measurement.Scenario}.json");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, MeasurementJson.Serialize(measurement));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private string Folder(string resultsDirectory, string runId)
    {
        lock (_create)
        {
            if (_path is null)
            {
                var name = $"{_started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{runId}";
                _path = Directory.CreateDirectory(Path.Combine(resultsDirectory, name)).FullName;
                var latest = Path.Combine(resultsDirectory, "latest");
                File.Delete(latest); // unlink(2): removes the link itself, never the folder it points to
                File.CreateSymbolicLink(latest, name);
            }

            return _path;
        }
    }
}
