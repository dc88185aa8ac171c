using VirtPerf.Rows;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.PerfTests.Tests;

public sealed class PerfSettingsTests
{
    private static PerfSettings Read(params (string Name, string Value)[] variables) =>
        PerfSettings.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void The_default_is_the_quick_profile_with_results_and_baselines_in_the_checkout()
    {
        var settings = Read();

        settings.Profile.Should().Be(Profile.Quick);
        settings.Record.Should().Be(RecordMode.Off);
        Path.GetFileName(settings.ResultsDirectory).Should().Be("results");
        Path.GetFileName(settings.BaselinesDirectory).Should().Be("baselines");
        File.Exists(Path.Combine(Path.GetDirectoryName(settings.BaselinesDirectory)!, "VirtNetPerf.sln")).Should().BeTrue();
    }

    [Fact]
    public void The_thesis_profile_is_the_studys_protocol()
    {
        Read(("VIRTPERF_PROFILE", "thesis")).Profile.Should().Be(new Profile("thesis", 10, 50, 5, ReferenceIterations: 10));
    }

    [Fact]
    public void Variables_override_a_profile_and_mark_it_custom()
    {
        var settings = Read(("VIRTPERF_PROFILE", "thesis"), ("VIRTPERF_ITERATIONS", "3"), ("VIRTPERF_WARMUP_SECONDS", "0"),
            ("VIRTPERF_REFERENCE_ITERATIONS", "30"), ("VIRTPERF_RECORD_BASELINE", "1"), ("VIRTPERF_RESULTS_DIR", "/tmp/r"));

        settings.Profile.Should().Be(new Profile("thesis+custom", 3, 50, 0, ReferenceIterations: 30));
        settings.Record.Should().Be(RecordMode.Replace);
        settings.ResultsDirectory.Should().Be("/tmp/r");
    }

    [Fact]
    public void The_adaptive_profile_takes_sixteen_pairs_and_may_grow_to_ninety_six()
    {
        var settings = Read(("VIRTPERF_PROFILE", "adaptive"), ("VIRTPERF_RECORD_BASELINE", "missing"), ("VIRTPERF_BASELINE_FROM", "0123456789ab"));

        settings.Profile.Should().Be(new Profile("adaptive", 16, 1, 1, 96, ReferenceIterations: 96));
        settings.Profile.MostIterations.Should().Be(96);
        settings.Record.Should().Be(RecordMode.Missing);
        settings.BaselineFrom.Should().Be("0123456789ab");
        Read(("VIRTPERF_PROFILE", "adaptive"), ("VIRTPERF_MAX_ITERATIONS", "40")).Profile.MostIterations.Should().Be(40);
    }

    [Fact]
    public void Paired_is_the_default_and_the_stored_baseline_is_chosen_by_name()
    {
        Read().Gate.Should().Be(GateMode.Paired);
        Read(("VIRTPERF_GATE", "paired")).Gate.Should().Be(GateMode.Paired);
        Read(("VIRTPERF_GATE", "stored")).Gate.Should().Be(GateMode.Stored);
        Read(("VIRTPERF_RUN_FOLDER", "nightly-42")).RunFolder.Should().Be("nightly-42");
    }

    [Theory]
    [InlineData("VIRTPERF_PROFILE", "fast", "VIRTPERF_PROFILE='fast' is not a profile; use one of: quick, thesis, adaptive.")]
    [InlineData("VIRTPERF_ITERATIONS", "0", "VIRTPERF_ITERATIONS='0' is not a whole number of at least 1.")]
    [InlineData("VIRTPERF_ITERATION_SECONDS", "2.5", "VIRTPERF_ITERATION_SECONDS='2.5' is not a whole number of at least 1.")]
    [InlineData("VIRTPERF_GATE", "baseline", "VIRTPERF_GATE='baseline' must be paired (bare metal measured beside the technique*) or stored (*")]
    [InlineData("VIRTPERF_RUN_FOLDER", "../elsewhere", "VIRTPERF_RUN_FOLDER='../elsewhere' must be a plain folder name under the results directory.")]
    [InlineData("VIRTPERF_BASELINE_FROM", "../other", "VIRTPERF_BASELINE_FROM='../other' is not a testbed fingerprint id (12 hex digits, a folder name under baselines/).")]
    [InlineData("VIRTPERF_MAX_ITERATIONS", "many", "VIRTPERF_MAX_ITERATIONS='many' is not a whole number of at least 1.")]
    [InlineData("VIRTPERF_RECORD_BASELINE", "yes", "VIRTPERF_RECORD_BASELINE='yes' must be 1 (record, replacing), missing*")]
    public void An_invalid_value_names_the_variable_and_what_it_accepts(string name, string value, string message)
    {
        var read = () => Read((name, value));

        read.Should().Throw<ArgumentException>().WithMessage(message);
    }
}
