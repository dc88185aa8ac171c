using System.Globalization;
using System.Text.Json;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Baselines;

/// <summary>
/// References under a directory (the repository's <c>baselines/</c>): bare metal's stored baselines in
/// <c>FINGERPRINT/SCENARIO.json</c>, and each other technique's accepted overhead (the regression gate's reference) in
/// <c>FINGERPRINT/accepted/TECHNIQUE.SCENARIO.json</c>; every replaced file goes to a <c>history/</c> folder beside
/// it. Written only by the <c>Record</c> methods, atomically.
/// </summary>
public sealed class BaselineStore(string directory)
{
    /// <summary>The store's root directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>The bare-metal baseline of <paramref name="scenario"/> on <paramref name="testbed"/>.</summary>
    public string PathOf(TestbedFingerprint testbed, Scenario scenario) => Path.Combine(Directory, testbed.Id, $"{scenario}.json");

    /// <summary>The accepted overhead of <paramref name="technique"/>'s <paramref name="scenario"/> on <paramref name="testbed"/>.</summary>
    public string AcceptedPathOf(TestbedFingerprint testbed, Scenario scenario, string technique) =>
        Path.Combine(Directory, testbed.Id, "accepted", $"{technique}.{scenario}.json");

    /// <summary>Stores the bare-metal <paramref name="measurement"/> as its testbed's baseline of its scenario; a file
    /// it replaces moves to history first. Returns the file written.</summary>
    public string Record(Measurement measurement) => measurement.Technique == Techniques.BareMetal
        ? Write(PathOf(measurement.Testbed, measurement.Scenario), JsonSerializer.Serialize(Baseline.Of(measurement), MeasurementJson.Options))
        : throw new ArgumentException(
            $"Only bare metal has a stored baseline; {measurement.Technique}'s reference is its accepted overhead (Record(AcceptedOverhead)).",
            nameof(measurement));

    /// <summary>Stores <paramref name="accepted"/> as its technique's accepted overhead (the regression gate's
    /// reference); a file it replaces moves to history first. Returns the file written.</summary>
    public string Record(AcceptedOverhead accepted)
    {
        var technique = accepted.Technique;
        return Write(
            AcceptedPathOf(technique.Testbed, technique.Scenario, technique.Technique),
            JsonSerializer.Serialize(accepted, MeasurementJson.Options));
    }

    /// <summary>The bare-metal baseline of <paramref name="scenario"/> on <paramref name="testbed"/>, or null when none
    /// is recorded. A file that cannot be read as a baseline throws a <see cref="BaselineException"/> naming it and the fix.</summary>
    public Baseline? Load(TestbedFingerprint testbed, Scenario scenario)
    {
        var path = PathOf(testbed, scenario);
        if (!File.Exists(path))
        {
            return null;
        }

        var baseline = Read(path);
        return baseline.Measurement.Scenario == scenario ? baseline : throw new BaselineException(
            $"Baseline {path} holds {baseline.Measurement.Scenario}, not the {scenario} its name says. Restore it (git checkout -- {path}, "
            + "or a copy from its history/ folder) or record a new one with VIRTPERF_RECORD_BASELINE=1 on the BareMetal rows.");
    }

    /// <summary>The accepted overhead of <paramref name="technique"/>'s <paramref name="scenario"/> on
    /// <paramref name="testbed"/>, or null; a file that cannot be used throws a <see cref="BaselineException"/>.</summary>
    public AcceptedOverhead? LoadAccepted(TestbedFingerprint testbed, Scenario scenario, string technique)
    {
        var path = AcceptedPathOf(testbed, scenario, technique);
        if (!File.Exists(path))
        {
            return null;
        }

        var fix = $"Restore it (a copy from its history/ folder) or record a new one with VIRTPERF_RECORD_BASELINE=1 on the {technique} rows.";
        var accepted = StrictJson.Read<AcceptedOverhead>(
            path, "Accepted overhead", AcceptedOverhead.FormatName, AcceptedOverhead.CurrentSchemaVersion, fix,
            (message, inner) => new BaselineException(message, inner),
            a => a.Technique.Problems("$.technique", yardstick: false).Concat(a.BareMetal.Problems("$.bareMetal", yardstick: true))
                .Concat(a.Technique.Iterations.Count == a.BareMetal.Iterations.Count ? [] :
                    [$"$.technique holds {a.Technique.Iterations.Count} iterations and $.bareMetal {a.BareMetal.Iterations.Count}: a pair is one of each"]));
        if (accepted.Technique.Technique != technique || accepted.Technique.Scenario != scenario
            || testbed.Differences(accepted.Technique.Testbed) is { Count: > 0 })
        {
            throw new BaselineException(
                $"Accepted overhead {path} holds {accepted.Technique.Technique} {accepted.Technique.Scenario} of testbed "
                + $"{accepted.Technique.Testbed.Id}, not what its path says. {fix}");
        }

        return accepted;
    }

    /// <summary>
    /// The baseline to judge a measurement on <paramref name="current"/> with: this testbed's own, checked to really
    /// be of this testbed; or, when <paramref name="acceptFrom"/> names another fingerprint id, that testbed's,
    /// knowingly (the note says which fields differ). Null when there is none. When only other testbeds have a
    /// baseline of this scenario, throws a <see cref="BaselineException"/> listing the fields that differ and the fixes.
    /// </summary>
    public (Baseline Baseline, string? Note)? LoadFor(TestbedFingerprint current, Scenario scenario, string? acceptFrom = null)
    {
        if (Load(current, scenario) is { } own)
        {
            var differences = current.Differences(own.Measurement.Testbed);
            if (differences.Count > 0)
            {
                throw new BaselineException(
                    $"Baseline {PathOf(current, scenario)} was recorded on another testbed than its folder says ({string.Join("; ", differences)}). "
                    + "Move it to the folder of its fingerprint id, or record a new one with VIRTPERF_RECORD_BASELINE=1 on the BareMetal rows.");
            }

            return (own, null);
        }

        var others = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetDirectories(Directory).Where(d => File.Exists(Path.Combine(d, $"{scenario}.json"))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (acceptFrom is not null)
        {
            var path = Path.Combine(Directory, acceptFrom, $"{scenario}.json");
            if (!File.Exists(path))
            {
                throw new BaselineException($"VIRTPERF_BASELINE_FROM={acceptFrom}: there is no baseline {path}.");
            }

            var foreign = Read(path);
            return (foreign, $"baseline of another testbed ({acceptFrom}) accepted knowingly; differs in "
                + string.Join("; ", current.Differences(foreign.Measurement.Testbed)));
        }

        if (others.Count > 0)
        {
            var described = others.Select(d => (Id: Path.GetFileName(d), Testbed: Read(Path.Combine(d, $"{scenario}.json")).Measurement.Testbed))
                .Select(o => $"{o.Id} (differs in {string.Join("; ", current.Differences(o.Testbed))})");
            throw new BaselineException(
                $"No {scenario} baseline for this testbed ({current.Id}); baselines of other testbeds exist: {string.Join(", ", described)}. "
                + "Record one here with VIRTPERF_RECORD_BASELINE=1 on the BareMetal rows, or compare with another testbed's knowingly "
                + "with VIRTPERF_BASELINE_FROM=<id>.");
        }

        return null;
    }

    /// <summary>Writes <paramref name="json"/> to <paramref name="path"/> atomically; a file it replaces is copied to
    /// <c>history/</c> beside it first.</summary>
    private static string Write(string path, string json)
    {
        var folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, json);
        if (File.Exists(path))
        {
            var history = Path.Combine(folder, "history");
            System.IO.Directory.CreateDirectory(history);
            var stamp = File.GetLastWriteTimeUtc(path).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            File.Copy(path, Path.Combine(history, $"{Path.GetFileNameWithoutExtension(path)}.{stamp}.json"), overwrite: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Reads one baseline file, checking its format, version and content.</summary>
    public static Baseline Read(string path)
    {
        var fix = $"Restore it (git checkout -- {path}, or a copy from its history/ folder) or record a new one "
            + "with VIRTPERF_RECORD_BASELINE=1 on the BareMetal rows.";
        return StrictJson.Read<Baseline>(
            path, "Baseline", Baseline.FormatName, Baseline.CurrentSchemaVersion, fix, (message, inner) => new BaselineException(message, inner),
            baseline => baseline.Measurement.Problems("$.measurement", yardstick: true).Concat(
                baseline.Measurement.Technique == Techniques.BareMetal ? [] : [$"$.measurement.technique is {baseline.Measurement.Technique}: a baseline is bare metal's"]));
    }
}
