using System.Text.RegularExpressions;
using System.Xml.Linq;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Reports.Tests;

public sealed class CapacityReportTests
{
    private const int PointsPerRow = 2 * SyntheticRun.IterationsPerRow * SyntheticRun.PointsPerSearch; // technique and paired bare metal

    [Fact]
    public void A_folder_of_only_capacity_rows_renders_its_matrix_csv_overhead_and_latency_load_plots()
    {
        using var run = new SyntheticRun(netperf: false, capacity: true);

        var written = ReportWriter.Write(RunReport.Load(run.Folder)).Select(f => Path.GetRelativePath(run.Folder, f)).ToList();

        // trend-* plots come and go with other tests' runs of the same testbed beside this one in the temporary folder
        written.Where(f => !f.StartsWith("plots/trend-", StringComparison.Ordinal)).Should().Equal(
            "results.csv", CapacitySearches.FileName,
            "plots/overhead-MemcachedCapacity.png", "plots/overhead-MemcachedCapacity.svg",
            "plots/latency-load-MemcachedCapacity.png", "plots/latency-load-MemcachedCapacity.svg",
            "plots/factors-MemcachedCapacity.png", "plots/factors-MemcachedCapacity.svg",
            "summary.md", "report.html");
        var summary = File.ReadAllText(Path.Combine(run.Folder, "summary.md"));
        summary.Should().Contain("| technique | MemcachedCapacity (req/s) |")
            .And.Contain("| DockerNat | 61,500: +40% [+40, +40] ✅ |").And.Contain("| DockerBridge | 82,000: +20% [+20, +20] ✅ |")
            .And.Contain("## Capacity at the SLO")
            .And.Contain("| DockerNat | MemcachedCapacity | p99 ≤ 500 µs | 61,500 [60,000, 63,000] | 102,500 [100,000, 105,000] | 0 of 6; bare metal 0 of 6 |")
            .And.Contain("- [latency-load-MemcachedCapacity](plots/latency-load-MemcachedCapacity.png)")
            .And.Contain("NAT loses 25% [25, 25] of the MemcachedCapacity Capacity that bridged networking delivers")
            .And.NotContain("Infinity").And.NotContain("NaN").And.NotContain("Host CPU per unit of work");
        var html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));
        html.Should().Contain("id=\"plot-latency-load-MemcachedCapacity\"").And.Contain("id=\"capacity-at-the-slo\"");
        Regex.Matches(html, "(src|href)=\"(?!data:|#)").Should().BeEmpty("the page stays self-contained: the CSV is named, not linked");
    }

    [Fact]
    public void The_capacity_points_csv_has_a_line_per_point_of_every_search_on_both_sides()
    {
        using var run = new SyntheticRun(netperf: false, capacity: true);

        ReportWriter.Write(RunReport.Load(run.Folder));
        var lines = File.ReadAllLines(Path.Combine(run.Folder, CapacitySearches.FileName));

        lines[0].Should().Be("technique,scenario,side,iteration,offered_per_s,served_per_s,p50_us,p99_us");
        lines.Should().HaveCount(1 + (2 * PointsPerRow), "two rows, each with its technique's and its bare metal's searches");
        lines.Skip(1).Select(l => l.Split(',')[2]).Should().OnlyContain(side => side == "technique" || side == "paired-baremetal");
        lines.Should().Contain("DockerNat,MemcachedCapacity,technique,0,0,78000,900,5000", "the closed-loop peak: offered 0")
            .And.Contain("DockerNat,MemcachedCapacity,paired-baremetal,5,105000,105000,80,460");
    }

    [Fact]
    public void The_latency_load_plot_has_every_technique_the_bare_metal_beside_each_the_closed_loop_peaks_and_the_slo()
    {
        using var run = new SyntheticRun(netperf: false, capacity: true);
        var plots = Path.Combine(run.Folder, "plots");

        RunPlots.Render(RunReport.Load(run.Folder), [], plots);

        Texts(Path.Combine(plots, "latency-load-MemcachedCapacity.svg")).Should().Contain([
            "MemcachedCapacity: p99 latency against offered load", "p99 latency (µs, log scale), from intended send times",
            "DockerNat", "DockerBridge", "BareMetal (paired, DockerNat)", "BareMetal (paired, DockerBridge)",
            "closed-loop peak, at the rate it served", "SLO: p99 ≤ 500 µs", "100k", "500"]);
        Texts(Path.Combine(plots, "overhead-MemcachedCapacity.svg")).Should().Contain(["mean capacity", "p10 capacity (of searches)"]);
    }

    [Fact]
    public void Capacity_rows_beside_netperf_rows_get_their_plot_and_leave_the_others_as_they_were()
    {
        using var run = new SyntheticRun(capacity: true);
        using var netperfOnly = new SyntheticRun();

        var written = RunPlots.Render(RunReport.Load(run.Folder), [], Path.Combine(run.Folder, "plots")).Select(Path.GetFileName).ToList();
        var without = RunPlots.Render(RunReport.Load(netperfOnly.Folder), [], Path.Combine(netperfOnly.Folder, "plots")).Select(Path.GetFileName);

        written.Should().Contain("latency-load-MemcachedCapacity.png").And.Contain(without)
            .And.NotContain(["cdf-MemcachedCapacity.png", "cpu-MemcachedCapacity.png", "cost-MemcachedCapacity.png", "latency-load-TCP_RR.png"]);
        CapacitySearches.Points(RunReport.Load(netperfOnly.Folder)).Should().BeEmpty();
    }

    [Fact]
    public void Trends_and_comparisons_read_capacity_lost_like_any_headline_metric()
    {
        using var before = new SyntheticRun(netperf: false, capacity: true);
        using var after = new SyntheticRun(netperf: false, capacity: true);
        var (b, a) = (RunReport.Load(before.Folder), RunReport.Load(after.Folder));

        var trends = Trends.Of(new RunHistory([b, a], []));
        var plots = RunPlots.Render(a, trends, Path.Combine(after.Folder, "plots")).Select(Path.GetFileName);

        trends.Should().HaveCount(2).And.OnlyContain(t => t.Metric == Metric.Capacity && t.Changes.Count == 0);
        plots.Should().Contain("trend-MemcachedCapacity.png");
        Comparison.Render(b, a).Should().Contain("| DockerNat | +40% → +40% = |");
    }

    [Fact]
    public void Unjudged_rows_show_the_overhead_they_have_and_a_bare_metal_that_met_the_slo_at_no_rate_none()
    {
        var report = new RunReport("unjudged", [
            new ReportRow(Side("DockerNat", 600, 600, 600), [], Side("BareMetal", 1000, 1000, 1000)),
            new ReportRow(Side("DockerBridge", 2400, 0, 0), [], Side("BareMetal", 0, 5000, 0))]);
        var plots = Directory.CreateTempSubdirectory("vnp-capacity-").FullName;

        try
        {
            SummaryMarkdown.Render(report).Should().Contain("| DockerNat | 600: +40% (no interval: too few) (paired) |")
                .And.Contain("| DockerBridge | 800 (bare metal beside it: 0 in 2 of 3, no overhead) |")
                .And.Contain("| DockerBridge | MemcachedCapacity | not recorded | 0 [0, 2,400] | 0 [0, 5,000] | 2 of 3; bare metal 2 of 3 |");
            CsvTable.Render(report).Should().Contain("DockerBridge,MemcachedCapacity,Capacity,req/s,3,800,0,0,2400,0,2400,,,,,,");
            RunReport.LogRatios(report.Rows[1], Metric.Capacity).Should().BeNull("factors, trends and comparisons have no pairs to take");
            Texts(RunPlots.Render(report, [], plots).Should().ContainSingle(p => p.EndsWith(".svg", StringComparison.Ordinal)).Which)
                .Should().Contain("DockerNat").And.NotContain("DockerBridge", "a 0 of bare metal is nothing to compare with; no search kept its points");
        }
        finally
        {
            Directory.Delete(plots, recursive: true);
        }
    }

    [Fact]
    public void A_technique_that_met_the_slo_at_no_rate_has_no_log_ratio_to_take_a_change_of()
    {
        // capacity-full read LinuxVirtio at 0 in all six pairs (100% lost, through the log ratio's floor of a
        // billionth); the next run's +98% then read as a change point of -1644882980%, the floor's fiction.
        var nothing = new RunReport("nothing", [new ReportRow(Side("LinuxVirtio", 0, 0, 0, 0, 0, 0), [], Side("BareMetal", 1e5, 9e4, 1e5, 1.1e5, 1e5, 9e4))]);
        var some = new RunReport("some", [new ReportRow(Side("LinuxVirtio", 2e3, 2.1e3, 1.9e3, 2e3, 2.2e3, 2e3), [], Side("BareMetal", 1e5, 9e4, 1e5, 1.1e5, 1e5, 9e4))]);

        var trend = Trends.Of(new RunHistory([nothing, some], [])).Should().ContainSingle().Subject;

        RunReport.LogRatios(nothing.Rows[0], Metric.Capacity).Should().BeNull();
        trend.Points.Select(p => Math.Round(p.Overhead.Estimate)).Should().Equal(100, 98);
        trend.Changes.Should().BeEmpty("a change from nothing has no size in percent");
        Trends.Markdown(new RunHistory([nothing, some], []), [trend]).Should().Contain("| LinuxVirtio | MemcachedCapacity (Capacity) | 2 | +100% → +98% |  |");
        Comparison.Render(nothing, some).Should().Contain("| LinuxVirtio | +100% → +98% ▼° |", "the intervals do not overlap");
    }

    /// <summary>One side of a capacity row: a search's capacity per iteration.</summary>
    private static Measurement Side(string technique, params double[] capacities) => new()
    {
        Technique = technique, Scenario = Scenario.MemcachedCapacity, RunId = "abc123",
        Testbed = new TestbedFingerprint("local", "AMD EPYC", 2, "6.1.0", new Dictionary<string, string>()), Profile = Profile.Quick,
        Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch,
        Iterations = [.. capacities.Select((c, i) => new Iteration(i, DateTimeOffset.UnixEpoch, 15, new Dictionary<Metric, double> { [Metric.Capacity] = c }))],
    };

    [Theory]
    [InlineData("dotnet VirtPerf.Mutilate.dll -s 10.0.0.1:11211 --json --search 99:380", "99:380")]
    [InlineData("mutilate -s 10.0.0.1 --search=95:1000 -c4", "95:1000")]
    [InlineData("mutilate -s 10.0.0.1 --search", null)]
    [InlineData("mutilate -s 10.0.0.1 --search 99", null)]
    [InlineData("mutilate -s 10.0.0.1 --search=abc:1", null)]
    [InlineData("netperf -H 10.0.0.1 -t TCP_RR", null)]
    public void The_slo_is_read_from_the_recorded_command_line_or_not_at_all(string command, string? slo)
    {
        var measurement = new Measurement
        {
            Technique = "DockerNat", Scenario = Scenario.MemcachedCapacity, RunId = "abc123",
            Testbed = new TestbedFingerprint("local", "AMD EPYC", 2, "6.1.0", new Dictionary<string, string>()), Profile = Profile.Quick,
            Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch, Iterations = [],
            Context = new Dictionary<string, string> { ["command"] = command },
        };

        CapacitySearches.Slo(measurement).Should().Be(slo is null ? null : SearchTarget.TryParse(slo));
    }

    private static List<string> Texts(string svg) =>
        XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
