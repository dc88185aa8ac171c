using VirtPerf.Assertions.Budgets;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Tests.Budgets;

public sealed class OverheadBudgetsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-budgets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_committed_budget_file_loads_and_covers_every_technique()
    {
        var budgets = OverheadBudgets.Load(Path.Combine(Repository.Root, "baselines", "budgets.json"));

        budgets.GatedMetrics.Should().Contain([Metric.Throughput, Metric.TransactionRate, Metric.LatencyP50]);
        budgets.For("DockerNat", Scenario.TCP_RR, Metric.LatencyP50).Should().BeGreaterThan(0);
        budgets.RegressionPercent.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("""{ "technique": "DockerNATT", "percent": 10 }""", "rule 1 ($.rules[0]): unknown technique 'DockerNATT'. Valid: *, BareMetal, LinuxVirtio,*DockerBridge,*RootlessPasta. Fix it*")]
    [InlineData("""{ "scenario": "TCP_RRR", "percent": 10 }""", "rule 1 ($.rules[0]): unknown scenario 'TCP_RRR'. Valid: *, TCP_STREAM,*MemcachedCapacity. Fix it*")]
    [InlineData("""{ "metric": "Latency", "percent": 10 }""", "rule 1 ($.rules[0]): unknown metric 'Latency'. Valid: *, Throughput,*Capacity. Fix it*")]
    [InlineData("""{ "technique": "DockerNat", "percent": -1 }""", "rule 1 ($.rules[0]): percent -1 must be a number, 0 or more. Fix it*")]
    public void A_bad_rule_names_the_file_the_rule_the_value_and_the_valid_names(string rule, string message)
    {
        var path = Write($$"""{ "format": "virtnetperf.budgets", "schemaVersion": 1, "defaultPercent": 100, "gatedMetrics": ["Throughput"], "regressionPercent": 5, "rules": [ {{rule}} ] }""");

        var load = () => OverheadBudgets.Load(path);

        load.Should().Throw<BudgetException>().WithMessage($"Budget file {path}: {message}");
    }

    [Theory]
    [InlineData("""{ "format": "virtnetperf.budgets", "schemaVersion": 1, "defaultPercent": 100, "gatedMetrics": ["Thruput"], "regressionPercent": 5, "rules": [] }""", "*: $.gatedMetrics[0] is \"Thruput\", which is not one of Throughput, TransactionRate,*. Fix it*")]
    [InlineData("""{ "format": "virtnetperf.budgets", "schemaVersion": 1, """, "*: not valid JSON at line 1*Fix it (baselines/README.md*")]
    [InlineData("""{ "format": "something.else", "schemaVersion": 1, "rules": [] }""", "*: $.format is \"something.else\", not \"virtnetperf.budgets\": this is no budget file. Fix it*")]
    [InlineData("""{ "format": "virtnetperf.budgets", "schemaVersion": 7, "defaultPercent": 100, "gatedMetrics": [], "regressionPercent": 5, "rules": [] }""", "*: $.schemaVersion is 7; this build reads version 1. Fix it*")]
    public void A_damaged_file_names_itself_and_the_fix(string content, string message)
    {
        var path = Write(content);

        var load = () => OverheadBudgets.Load(path);

        load.Should().Throw<BudgetException>().WithMessage(message).And.Message.Should().Contain(path);
    }

    [Fact]
    public void A_missing_file_says_how_to_restore_it()
    {
        var path = Path.Combine(_directory, "budgets.json");

        var load = () => OverheadBudgets.Load(path);

        load.Should().Throw<BudgetException>().WithMessage($"No budget file at {path}: restore it (git checkout -- {path})*");
    }

    private string Write(string content)
    {
        var path = Path.Combine(_directory, $"budgets-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }
}
