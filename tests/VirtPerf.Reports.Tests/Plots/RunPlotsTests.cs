using System.Buffers.Binary;
using System.Xml.Linq;

namespace VirtPerf.Reports.Tests.Plots;

public sealed class RunPlotsTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("vnp-plots-").FullName;

    private static string Captured => Path.Combine(AppContext.BaseDirectory, "Captured");

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void A_real_run_gets_overhead_cdf_and_cpu_plots_per_scenario_as_png_and_svg_of_1000_by_600()
    {
        var written = RunPlots.Render(RunReport.Load(Captured), [], Path.Combine(output, "plots"));

        written.Select(Path.GetFileName).Should().Equal(
            "overhead-TCP_STREAM.png", "overhead-TCP_STREAM.svg", "cpu-TCP_STREAM.png", "cpu-TCP_STREAM.svg",
            "overhead-TCP_RR.png", "overhead-TCP_RR.svg", "cdf-TCP_RR.png", "cdf-TCP_RR.svg", "cpu-TCP_RR.png", "cpu-TCP_RR.svg",
            "overhead-MemcachedRead.png", "overhead-MemcachedRead.svg", "cdf-MemcachedRead.png", "cdf-MemcachedRead.svg",
            "cpu-MemcachedRead.png", "cpu-MemcachedRead.svg");
        written.Should().OnlyContain(p => Path.GetDirectoryName(p) == Path.Combine(output, "plots"));
        written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)).Select(PngSize).Should().AllBeEquivalentTo((1000, 600));
        written.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)).Should().OnlyContain(p => Texts(p).Count > 10);
    }

    [Fact]
    public void The_overhead_plot_names_the_techniques_under_their_bars_and_only_the_statistics_measured()
    {
        RunPlots.Render(RunReport.Load(Captured), [], output);

        // Unpatched netperf gives p50, p90 and p99 but no p10 (the study patched it for p1, p5, p10, p95: thesis.md).
        Texts(Path.Combine(output, "overhead-TCP_RR.svg")).Should()
            .Contain(["TCP_RR: cost vs bare metal", "cost / bare metal's (log scale) — higher is worse", "1x", "DockerNat", "DockerBridge",
                "mean latency", "median latency", "p90 latency", "whiskers: min-max iteration"])
            .And.NotContain(["BareMetal", "p10 latency"]);
        Texts(Path.Combine(output, "overhead-MemcachedRead.svg")).Should().Contain("p10 latency");
        Texts(Path.Combine(output, "overhead-TCP_STREAM.svg")).Should()
            .Contain(["mean throughput", "median throughput", "p10 throughput (of iterations)", "p90 throughput (of iterations)"]);
    }

    [Fact]
    public void The_cdf_and_cpu_plots_show_bare_metal_next_to_the_techniques()
    {
        RunPlots.Render(RunReport.Load(Captured), [], output);

        Texts(Path.Combine(output, "cdf-MemcachedRead.svg")).Should()
            .Contain(["MemcachedRead: latency distribution (CDF)", "cumulative fraction of requests", "BareMetal", "DockerNat", "DockerBridge"])
            .And.Contain(t => t.StartsWith("round-trip latency (µs, log scale)", StringComparison.Ordinal));
        Texts(Path.Combine(output, "cpu-TCP_RR.svg")).Should()
            .Contain(["TCP_RR: CPU utilization", "CPU utilization (% of all CPUs)", "BareMetal", "DockerNat", "DockerBridge"]);
    }

    [Fact]
    public void A_paired_run_is_compared_with_the_bare_metal_measured_alongside_each_row()
    {
        var run = Directory.CreateDirectory(Path.Combine(output, "paired")).FullName;
        File.Copy(Path.Combine(Captured, "DockerNat.TCP_RR.json"), Path.Combine(run, "DockerNat.TCP_RR.json"));
        File.Copy(Path.Combine(Captured, "BareMetal.TCP_RR.json"), Path.Combine(run, "DockerNat.TCP_RR.paired-baremetal.json"));

        RunPlots.Render(RunReport.Load(run), [], run);

        Texts(Path.Combine(run, "overhead-TCP_RR.svg")).Should().Contain("technique (5 iterations each; vs paired bare-metal measurement)");
        Texts(Path.Combine(run, "cdf-TCP_RR.svg")).Should().Contain(["BareMetal (paired, DockerNat)", "DockerNat"]);
        Texts(Path.Combine(run, "cpu-TCP_RR.svg")).Should().Contain(["BareMetal (paired)", "DockerNat"]);
    }

    [Fact]
    public void A_plot_with_nothing_to_show_is_not_written()
    {
        var run = Directory.CreateDirectory(Path.Combine(output, "bare")).FullName;
        File.Copy(Path.Combine(Captured, "BareMetal.TCP_STREAM.json"), Path.Combine(run, "BareMetal.TCP_STREAM.json"));

        var written = RunPlots.Render(RunReport.Load(run), [], Path.Combine(run, "plots"));

        written.Select(Path.GetFileName).Should().Equal("cpu-TCP_STREAM.png", "cpu-TCP_STREAM.svg");
    }

    private static (int Width, int Height) PngSize(string path)
    {
        // The IHDR chunk follows the 8-byte signature: length, type, then width and height big-endian (PNG spec 11.2.2).
        var header = File.ReadAllBytes(path).AsSpan(0, 24);
        header[..8].ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        return (BinaryPrimitives.ReadInt32BigEndian(header[16..20]), BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
    }

    private static List<string> Texts(string svg) =>
        XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
