using HdrHistogram;
using VirtPerf.Assertions.Tests;
using VirtPerf.Reports;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows.Tests;

public sealed class LatencyLogTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("vnp-hlog-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public void A_rows_histograms_are_kept_beside_its_results_in_HdrHistograms_log_format_and_read_back_whole()
    {
        var measurement = Sample.Rr("DockerNat", 30000, 31000, 32000) is var m
            ? m with { Iterations = [.. m.Iterations.Select(i => i with { Latencies = Histogram(20 + i.Index, 1000 * (i.Index + 1)) })] }
            : null!;
        var settings = PerfSettings.FromEnvironment(name => name == "VIRTPERF_RESULTS_DIR" ? _results : null) with { RunFolder = "run" };
        var results = new ResultsFolder();

        results.Write(measurement, settings);
        results.WritePaired(measurement, measurement with { Technique = Techniques.BareMetal, Iterations = [.. measurement.Iterations.Select(i => i with { Latencies = null })] }, settings);

        var folder = Path.Combine(_results, "run");
        var log = File.ReadAllText(Path.Combine(folder, "DockerNat.TCP_RR.hlog"));
        log.Should().StartWith("#[Histogram log format version 1.3]").And.Contain("Tag=iteration=2,");
        File.Exists(Path.Combine(folder, "DockerNat.TCP_RR.paired-baremetal.hlog")).Should().BeFalse("a side without histograms writes none");
        var read = RunReport.Load(folder).Rows.Single().Measurement.Iterations;
        read.Select(i => i.Latencies!.TotalCount).Should().Equal(1000, 2000, 3000);
        read[2].Latencies!.GetValueAtPercentile(50).Should().BeCloseTo(22_000, 22);
    }

    [Fact]
    public void A_histogram_of_many_distinct_latencies_reads_back_whole()
    {
        // HdrHistogram.NET 2.5.0's own reader takes one Read of its DeflateStream for the whole payload and fails on a
        // partial one ("does not contain the indicated payload amount", its issue #99); a capacity point whose
        // latencies spread from microseconds to tens of milliseconds has such a payload.
        // 218146 latencies from 43 us over 4.3 decades, most of them low (one of the shapes that failed: 73 of 300
        // random ones did).
        var histogram = new LongHistogram(60_000_000_000, 3);
        var random = new Random(0);
        var (count, decades, low) = (218_146, 4.3, 43_401.0);
        for (var i = 0; i < count; i++)
        {
            histogram.RecordValue((long)(low * Math.Pow(10, decades * Math.Pow(random.NextDouble(), 2.5))));
        }

        var read = LatencyLog.Read(LatencyLog.Write([histogram])).Single();

        read.TotalCount.Should().Be(histogram.TotalCount);
        read.GetValueAtPercentile(99).Should().Be(histogram.GetValueAtPercentile(99));
    }

    [Fact]
    public void A_log_that_is_not_one_fails_with_a_format_error()
    {
        var read = () => LatencyLog.Read("not a histogram log\n1,2,3,xyz\n");

        read.Should().Throw<FormatException>().WithMessage("Not an HdrHistogram log*");
    }

    /// <summary>count requests of latency microseconds (in nanoseconds).</summary>
    private static HistogramBase Histogram(long microseconds, long count)
    {
        var histogram = new LongHistogram(60_000_000_000, 3);
        histogram.RecordValueWithCount(microseconds * 1000, count);
        return histogram;
    }
}
