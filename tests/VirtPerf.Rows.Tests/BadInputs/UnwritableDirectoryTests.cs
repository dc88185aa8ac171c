using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows.Tests.BadInputs;

/// <summary>A results or baselines directory that cannot be written stops a row before it measures; a write that
/// fails anyway loses nothing. "Cannot be written" is a file in the way: CI runs as root, which ignores modes.</summary>
public sealed class UnwritableDirectoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-unwritable-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string FileInTheWay()
    {
        var path = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(path, "a file where a directory should be");
        return path;
    }

    private static PerfSettings Settings(params (string Name, string Value)[] variables) =>
        PerfSettings.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void A_results_directory_that_is_a_file_stops_the_row_before_it_measures()
    {
        var file = FileInTheWay();
        var settings = Settings(("VIRTPERF_RESULTS_DIR", file));

        var check = settings.CheckWritable;

        check.Should().Throw<ArgumentException>()
            .WithMessage($"VIRTPERF_RESULTS_DIR={file} cannot be written (*); nothing was measured. Point VIRTPERF_RESULTS_DIR to a directory you can write*");
    }

    [Fact]
    public void A_baselines_directory_that_cannot_be_written_matters_only_when_recording()
    {
        var file = FileInTheWay();
        var results = Path.Combine(_directory, "results");

        Settings(("VIRTPERF_RESULTS_DIR", results), ("VIRTPERF_BASELINES_DIR", file)).CheckWritable();
        var recording = Settings(("VIRTPERF_RESULTS_DIR", results), ("VIRTPERF_BASELINES_DIR", file), ("VIRTPERF_RECORD_BASELINE", "1")).CheckWritable;

        recording.Should().Throw<ArgumentException>().WithMessage($"VIRTPERF_BASELINES_DIR={file} cannot be written*");
        Directory.GetFiles(results).Should().BeEmpty("the check leaves no probe behind");
    }

    [Fact]
    public void A_measurement_that_cannot_be_written_is_saved_elsewhere_with_the_rest_of_the_run_and_the_row_says_where()
    {
        var measurement = new Measurement
        {
            Technique = "DockerNat", Scenario = Scenario.TCP_RR, RunId = $"t{Guid.NewGuid():N}"[..6],
            Testbed = new TestbedFingerprint("local", "cpu", 2, "6.1.0", new Dictionary<string, string>()), Profile = Profile.Quick,
            Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch,
            Iterations = [new Iteration(0, DateTimeOffset.UnixEpoch, 1, new Dictionary<Metric, double> { [Metric.TransactionRate] = 1 })],
        };
        var rescued = Path.Combine(ResultsFolder.RescueFolder(measurement.RunId), "DockerNat.TCP_RR.json");
        try
        {
            var results = new ResultsFolder();
            var settings = Settings(("VIRTPERF_RESULTS_DIR", FileInTheWay()));

            var written = results.Write(measurement, settings);
            var paired = results.WritePaired(measurement, measurement with { Technique = "BareMetal" }, settings);

            written.Should().Be(rescued);
            Path.GetDirectoryName(paired).Should().Be(ResultsFolder.RescueFolder(measurement.RunId), "the rest of the run follows");
            MeasurementJson.Deserialize(File.ReadAllText(rescued)).Should().BeEquivalentTo(measurement);
            results.Rescued.Should().Match($"Could not write DockerNat.TCP_RR.json under *; this run's files are saved in {Path.GetDirectoryName(rescued)} instead.*");
        }
        finally
        {
            Directory.Delete(ResultsFolder.RescueFolder(measurement.RunId), recursive: true);
        }
    }
}
