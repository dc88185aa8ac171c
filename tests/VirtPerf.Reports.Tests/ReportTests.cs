using Snapshooter.Xunit;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports.Tests;

public sealed class ReportTests
{
    private static string Captured => Path.Combine(AppContext.BaseDirectory, "Captured");

    [Fact]
    public void The_summary_is_the_technique_by_scenario_matrix_with_verdicts_testbed_and_settings()
    {
        using var run = new SyntheticRun();

        SummaryMarkdown.Render(RunReport.Load(run.Folder)).MatchSnapshot();
    }

    [Fact]
    public void The_csv_has_a_line_per_technique_scenario_and_metric()
    {
        using var run = new SyntheticRun();

        CsvTable.Render(RunReport.Load(run.Folder)).MatchSnapshot();
    }

    [Fact]
    public void A_real_results_folder_reads_back_with_its_verdicts()
    {
        var report = RunReport.Load(Captured);

        report.Techniques.Should().Equal("BareMetal", "DockerNat", "DockerBridge");
        report.Scenarios.Select(s => s.ToString()).Should().Equal("TCP_STREAM", "TCP_RR", "MemcachedRead");
        report.Rows.Where(r => r.Measurement.Technique != "BareMetal").Should().OnlyContain(r => r.Budget != null);
        var csv = CsvTable.Render(report).Split('\n');
        csv[0].Should().StartWith("technique,scenario,metric,unit,n,mean");
        csv.Should().Contain(l => l.StartsWith("DockerNat,TCP_RR,LatencyP50,us,5,", StringComparison.Ordinal) && l.EndsWith(",baseline,150,WithinBudget", StringComparison.Ordinal));
        SummaryMarkdown.Render(report).Should().Contain("| DockerNat |").And.Contain("## Verdicts");
    }

    [Fact]
    public void Rows_without_verdicts_are_compared_with_the_runs_own_bare_metal()
    {
        using var run = new SyntheticRun();
        foreach (var verdicts in Directory.GetFiles(run.Folder, "*.verdicts.json"))
        {
            File.Delete(verdicts);
        }

        var report = RunReport.Load(run.Folder);
        var overhead = report.Overhead(report.Row("DockerNat", Workloads.Scenario.TCP_RR)!, Workloads.Measurements.Metric.LatencyP50)!.Value;

        overhead.Reference.Should().Be("this run");
        overhead.Verdict.Should().BeNull();
        overhead.Overhead.Estimate.Should().BeApproximately(50, 0.01);
        SummaryMarkdown.Render(report).Should().Contain("+50% [").And.Contain("(this run)");
    }

    [Fact]
    public void The_comparison_shows_which_overheads_changed()
    {
        using var before = new SyntheticRun(natSlowdown: 1.5);
        using var after = new SyntheticRun(natSlowdown: 2.0);

        var comparison = Comparison.Render(RunReport.Load(before.Folder), RunReport.Load(after.Folder));

        comparison.Should().Contain("| DockerNat | +20% → +20% =° | +50% → +100% ▲° |")
            .And.Contain("| DockerBridge |  | +20% → +20% =° |")
            .And.Contain("- DockerNat TCP_RR (LatencyP50): +50.0%").And.Contain("(no pairs: the intervals do not overlap)")
            .And.NotContain("- DockerBridge");
    }

    [Fact]
    public void A_change_of_paired_overheads_is_flagged_when_the_interval_of_the_difference_excludes_zero_though_the_two_intervals_overlap()
    {
        // 40 pairs each, the pair's cost ratio spread over +-10% around 1.20 before and 1.26 after (5% worse).
        static RunReport Run(double ratio) => new($"ratio {ratio}", [PairedRr("DockerNat", ratio)]);
        var (before, after) = (Run(1.20), Run(1.26));
        var (b, a) = (before.Overhead(before.Rows[0], Metric.LatencyP50)!.Value.Overhead, after.Overhead(after.Rows[0], Metric.LatencyP50)!.Value.Overhead);

        var comparison = Comparison.Render(before, after);

        a.Low.Should().BeLessThan(b.High, "the two runs' intervals overlap: the old rule saw no change");
        comparison.Should().Contain("| DockerNat | +20% → +26% ▲ |").And.Contain("- DockerNat TCP_RR (LatencyP50): ").And.Contain("the overhead changed by +5");
        Comparison.Render(before, Run(1.20)).Should().Contain("| DockerNat | +20% → +20% = |").And.Contain("None: no overhead changed significantly.");
    }

    [Fact]
    public void The_factor_table_gives_each_design_choice_its_cost_with_an_interval_and_a_sentence()
    {
        var report = new RunReport("factors", [PairedRr("DockerNat", 1.50), PairedRr("DockerBridge", 1.20), PairedRr("LinuxVirtio", 20), PairedRr("LinuxVirtioOffload", 20.5)]);

        var costs = Attribution.Of(report);

        costs.Select(c => c.Factor.Name).Should().Equal("NAT vs bridge", "offload on vs off (virtio)");
        costs[0].Sentence.Should().Be("NAT adds 25% [22, 28] to TCP_RR LatencyP50 over bridged networking (DockerNat − DockerBridge)");
        Attribution.Markdown(costs).MatchSnapshot();
    }

    [Fact]
    public void The_run_where_an_overhead_moved_is_named_and_drift_within_the_intervals_is_not()
    {
        static RunReport Run(string name, double nat, double bridge) => new(name, [PairedRr("DockerNat", nat), PairedRr("DockerBridge", bridge)]);
        var history = new RunHistory([Run("run1", 1.20, 1.10), Run("run2", 1.21, 1.10), Run("run3", 1.38, 1.11), Run("run4", 1.38, 1.10)], []);

        var trends = Trends.Of(history);

        var nat = trends.Single(t => t.Technique == "DockerNat");
        nat.Points.Should().HaveCount(4);
        nat.Changes.Should().ContainSingle().Which.Run.Name.Should().Be("run3", "+15% moved the overhead; +1% did not, nor did run4 repeating run3");
        nat.Changes[0].Change.Estimate.Should().BeApproximately(14.5, 1);
        trends.Single(t => t.Technique == "DockerBridge").Changes.Should().BeEmpty();
        Trends.Markdown(history, trends).Should().Contain("4 runs of this testbed, run1 to run4.")
            .And.Contain("| DockerNat | TCP_RR (LatencyP50) | 4 | +20% → +38% | run3: +15% [");
        Trends.Markdown(history, trends).MatchSnapshot();
    }

    [Fact]
    public void Every_technique_has_its_host_CPU_per_unit_of_work_beside_bare_metals_own()
    {
        static ReportRow WithCost(ReportRow row, double cost, double bareCost) => row with
        {
            Measurement = row.Measurement with { Iterations = [.. row.Measurement.Iterations.Select(i => i with { Metrics = new Dictionary<Metric, double>(i.Metrics) { [Metric.SutHostCpuPerMillion] = cost + (i.Index % 3) } })] },
            PairedBareMetal = row.PairedBareMetal! with { Iterations = [.. row.PairedBareMetal.Iterations.Select(i => i with { Metrics = new Dictionary<Metric, double>(i.Metrics) { [Metric.SutHostCpuPerMillion] = bareCost } })] },
        };
        var bareRow = PairedRr("BareMetal", 1) with { PairedBareMetal = null };
        bareRow = bareRow with { Measurement = bareRow.Measurement with { Iterations = [.. bareRow.Measurement.Iterations.Select(i => i with { Metrics = new Dictionary<Metric, double>(i.Metrics) { [Metric.SutHostCpuPerMillion] = 21 } })] } };
        var report = new RunReport("cost", [bareRow, WithCost(PairedRr("DockerNat", 1.5), 40, 20), PairedRr("DockerBridge", 1.2)]);

        var section = CostPerWork.Markdown(report);

        section.Should().Contain("| technique | TCP_RR (CPU-s/M) |")
            .And.Contain("| BareMetal | 21 |").And.Contain("| DockerNat | 41 (20; 2.05x) |")
            .And.NotContain("DockerBridge", "a row that did not measure its host CPU has nothing to show");
        CostPerWork.Markdown(new RunReport("none", [PairedRr("DockerBridge", 1.2)])).Should().BeEmpty();
        section.MatchSnapshot();
        var plots = Directory.CreateTempSubdirectory("vnp-cost-").FullName;
        try
        {
            RunPlots.Render(report, [], plots).Select(Path.GetFileName).Should().Contain("cost-TCP_RR.png", "the table's plot");
        }
        finally
        {
            Directory.Delete(plots, recursive: true);
        }
    }

    [Fact]
    public void The_history_of_results_latest_is_the_runs_beside_it_each_once()
    {
        var results = Directory.CreateTempSubdirectory("vnp-history-").FullName;
        try
        {
            using (var first = new SyntheticRun(natSlowdown: 1.5))
            using (var second = new SyntheticRun(natSlowdown: 2.0))
            {
                CopyFolder(first.Folder, Path.Combine(results, "run1"));
                CopyFolder(second.Folder, Path.Combine(results, "run2"));
            }

            Directory.CreateDirectory(Path.Combine(results, "not-a-run"));
            File.CreateSymbolicLink(Path.Combine(results, "latest"), "run2");

            var history = RunHistory.Of(RunReport.Load(Path.Combine(results, "latest")));

            history.Runs.Select(r => r.Name).Should().Equal("run1", "run2");
            history.LeftOut.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static ReportRow PairedRr(string technique, double ratio)
    {
        Measurement Side(string name, Func<int, double> p50) => new()
        {
            Technique = name, Scenario = Scenario.TCP_RR, RunId = "abc123",
            Testbed = new TestbedFingerprint("local", "AMD EPYC", 2, "6.1.0", new Dictionary<string, string>()), Profile = Profile.Quick,
            Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch,
            Iterations = Enumerable.Range(0, 40).Select(i => new Iteration(i, DateTimeOffset.UnixEpoch.AddSeconds(i), 1, new Dictionary<Metric, double>
            {
                [Metric.LatencyP50] = p50(i), [Metric.TransactionRate] = 1e6 / p50(i),
            })).ToList(),
        };

        // a spread without serial pattern: i -> 17 i mod 40 visits every step once, far from its neighbours
        return new ReportRow(Side(technique, i => 50 * ratio * Math.Exp(((17 * i % 40) / 39.0 * 0.2) - 0.1)), [], Side("BareMetal", _ => 50));
    }

    [Fact]
    public void A_folder_that_is_not_there_or_holds_nothing_says_so()
    {
        var missing = () => RunReport.Load("/nonexistent/results");
        var empty = Directory.CreateTempSubdirectory("vnp-empty-").FullName;
        var nothing = () => RunReport.Load(empty);

        missing.Should().Throw<ReportException>().WithMessage("No results folder at /nonexistent/results*");
        nothing.Should().Throw<ReportException>().WithMessage($"{empty} holds no measurements*");
        Directory.Delete(empty);
    }

    [Fact]
    public void A_damaged_result_file_names_itself()
    {
        using var run = new SyntheticRun();
        var damaged = Path.Combine(run.Folder, "DockerNat.TCP_RR.json");
        File.WriteAllText(damaged, "{ \"technique\": ");

        var load = () => RunReport.Load(run.Folder);

        load.Should().Throw<ReportException>().WithMessage($"Result {damaged}: not valid JSON at line 1*Measure the run again*");
    }
}
