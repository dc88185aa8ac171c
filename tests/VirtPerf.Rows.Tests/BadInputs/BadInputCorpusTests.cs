using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Tests;
using VirtPerf.Reports;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static VirtPerf.Rows.Tests.BadInputs.BadInput;

namespace VirtPerf.Rows.Tests.BadInputs;

/// <summary>
/// The bad-input corpus (issue 19): every broken input a new user was seen to make, through the readers the suite
/// uses. Each gives an error naming the file, the place and the value, and no file changes.
/// </summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-bad-input-").FullName;

    public static TheoryData<BadInput> Corpus => [
        // budgets.json
        Edit("a misspelt technique key", "budgets", Rename("rules[0].technique", "techniqe"), "unknown key 'techniqe' at $.rules[0]; the keys there are: percent, technique, scenario, metric"),
        Edit("a misspelt scenario key", "budgets", Set("rules[0].scenaro", "\"TCP_RR\""), "unknown key 'scenaro' at $.rules[0]"),
        Edit("a misspelt top-level key", "budgets", Rename("regressionPercent", "regresionPercent"), "unknown key 'regresionPercent' at $"),
        Edit("a rule without percent", "budgets", Remove("rules[0].percent"), "$.rules[0] lacks 'percent', which is required"),
        Edit("a negative percent", "budgets", Set("rules[0].percent", "-1"), "rule 1 ($.rules[0]): percent -1 must be a number, 0 or more"),
        Edit("a percent in words", "budgets", Set("rules[0].percent", "\"ten\""), "$.rules[0].percent is \"ten\", which is not a number"),
        Edit("a percent that is not a number", "budgets", Set("rules[0].percent", "\"NaN\""), "percent NaN must be a number, 0 or more"),
        Edit("an unknown technique", "budgets", Set("rules[0].technique", "\"DockerNATT\""), "unknown technique 'DockerNATT'. Valid: *, BareMetal"),
        Edit("an unknown scenario", "budgets", Set("rules[0].scenario", "\"TCP_RRR\""), "unknown scenario 'TCP_RRR'. Valid: *, TCP_STREAM"),
        Edit("an unknown metric in a rule", "budgets", Set("rules[0].metric", "\"Latency\""), "unknown metric 'Latency'. Valid: *, Throughput"),
        Edit("an unknown gated metric", "budgets", Set("gatedMetrics", "[\"Throughput\", \"Thruput\"]"), "$.gatedMetrics[1] is \"Thruput\", which is not one of Throughput, TransactionRate"),
        Edit("gated metrics as one string", "budgets", Set("gatedMetrics", "\"Throughput\""), "$.gatedMetrics is \"Throughput\", which is not a list"),
        Edit("no regression threshold", "budgets", Remove("regressionPercent"), "$ lacks 'regressionPercent', which is required"),
        Edit("a negative default budget", "budgets", Set("defaultPercent", "-5"), "$.defaultPercent is -5; it must be a number, 0 or more"),
        Edit("a null rule", "budgets", Set("rules", "[null]"), "rule 1 ($.rules[0]) is null"),
        Edit("a null technique", "budgets", Set("rules[0].technique", "null"), "$.rules[0].technique is null where a value is needed"),
        Edit("another file's format", "budgets", Set("format", "\"virtnetperf.baseline\""), "$.format is \"virtnetperf.baseline\", not \"virtnetperf.budgets\": this is no budget file"),
        Edit("a newer schema version", "budgets", Set("schemaVersion", "2"), "$.schemaVersion is 2; this build reads version 1"),
        Replace("a truncated budget file", "budgets", """{ "format": "virtnetperf.budgets", "rules": [""", "not valid JSON at line 1"),
        Replace("an empty budget file", "budgets", "", "not valid JSON at line 1"),
        Replace("a list instead of the file", "budgets", "[]", "holds no JSON object"),

        // a stored bare-metal baseline
        Edit("a negative baseline figure", "baseline", Set("measurement.iterations[0].metrics.TransactionRate", "-1"), "$.measurement.iterations[0].metrics.TransactionRate is -1 (figures are finite and 0 or more)"),
        Edit("a zero baseline figure", "baseline", Set("measurement.iterations[1].metrics.TransactionRate", "0"), "$.measurement.iterations[1].metrics.TransactionRate is 0 (bare metal's figure is what overheads divide by"),
        Edit("a baseline figure left out", "baseline", Remove("measurement.iterations[1].metrics.LatencyP50"), "$.measurement.iterations[1] lacks LatencyP50, which iteration 0 has"),
        Edit("a baseline without its headline metric", "baseline", root => { Remove("measurement.iterations[0].metrics.LatencyP50")(root); Remove("measurement.iterations[1].metrics.LatencyP50")(root); }, "has no LatencyP50, the figure TCP_RR is judged on"),
        Edit("a baseline with no iterations", "baseline", Set("measurement.iterations", "[]"), "$.measurement.iterations is empty"),
        Edit("a baseline figure that is not a number", "baseline", Set("measurement.iterations[0].metrics.LatencyP50", "\"NaN\""), "$.measurement.iterations[0].metrics.LatencyP50 is NaN"),
        Edit("a baseline of another technique", "baseline", Set("measurement.technique", "\"DockerNat\""), "$.measurement.technique is DockerNat: a baseline is bare metal's"),
        Edit("a baseline of another scenario", "baseline", Set("measurement.scenario", "\"UDP_RR\""), "holds UDP_RR, not the TCP_RR its name says"),
        Edit("a misspelt key in a baseline", "baseline", Rename("measurement.iterations", "iteratons"), "unknown key 'iteratons' at $.measurement"),
        Edit("a baseline of a newer version", "baseline", Set("schemaVersion", "2"), "$.schemaVersion is 2; this build reads version 1"),
        Edit("a baseline whose measurement is of a newer version", "baseline", Set("measurement.schemaVersion", "2"), "$.measurement.schemaVersion is 2; this build reads version 1"),

        // an accepted overhead (the regression gate's reference)
        Edit("a zero bare-metal figure in an accepted overhead", "accepted", Set("bareMetal.iterations[0].metrics.TransactionRate", "0"), "$.bareMetal.iterations[0].metrics.TransactionRate is 0"),
        Edit("a negative technique figure in an accepted overhead", "accepted", Set("technique.iterations[1].metrics.LatencyP50", "-3"), "$.technique.iterations[1].metrics.LatencyP50 is -3"),
        Edit("an accepted overhead with a pair cut in half", "accepted", root => At(root, "bareMetal.iterations").AsArray().RemoveAt(1), "$.technique holds 2 iterations and $.bareMetal 1: a pair is one of each"),
        Edit("an accepted overhead without its bare metal", "accepted", Remove("bareMetal"), "$ lacks 'bareMetal', which is required"),
        Replace("an accepted measurement of an earlier VirtNetPerf", "accepted", """{ "format": "virtnetperf.baseline", "schemaVersion": 1 }""", "$.format is \"virtnetperf.baseline\", not \"virtnetperf.accepted-overhead\""),

        // results read back by the report
        Edit("a result of a newer version", "result", Set("schemaVersion", "2"), "$.schemaVersion is 2; this build reads version 1"),
        Edit("a result with a figure that is not finite", "result", Set("iterations[0].metrics.TransactionRate", "\"Infinity\""), "$.iterations[0].metrics.TransactionRate is Infinity (figures are finite"),
        Replace("verdicts of a newer version", "verdicts", """[{ "kind": "budget", "technique": "DockerNat", "scenario": "TCP_RR", "fingerprint": "x", "metrics": [], "schemaVersion": 2 }]""", "$[0].schemaVersion is 2; this build reads version 1"),
        Replace("a verdict with a misspelt key", "verdicts", """[{ "kind": "budget", "technique": "DockerNat", "scenario": "TCP_RR", "fingerprint": "x", "metrics": [], "notes": "" }]""", "unknown key 'notes' at $[0]"),
    ];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_broken_input_names_the_file_the_place_and_the_value_and_changes_nothing(BadInput input)
    {
        var (path, read) = Prepare(input.File);
        var text = input.Break is null ? input.Text! : Broken(File.ReadAllText(path), input.Break);
        File.WriteAllText(path, text);
        var before = Snapshot();

        var act = () => read();

        act.Should().Throw<Exception>().Which.Message.Should().Contain(path).And.Contain(input.Says);
        Snapshot().Should().Equal(before, "reading a broken file changes no file");
    }

    [Fact]
    public void The_intact_files_of_the_corpus_read_back()
    {
        foreach (var file in new[] { "budgets", "baseline", "accepted", "result", "verdicts" })
        {
            var (_, read) = Prepare(file);
            read.Should().NotThrow(file);
        }
    }

    private (string Path, Action Read) Prepare(string file)
    {
        var store = new BaselineStore(Path.Combine(_directory, "baselines"));
        var results = Directory.CreateDirectory(Path.Combine(_directory, "results")).FullName;
        switch (file)
        {
            case "budgets":
                var budgets = Path.Combine(_directory, "budgets.json");
                // The committed file, with a rule of the kind a user adds (it ships none: the techniques bring their own).
                var committed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "baselines", "budgets.json")))!;
                committed["rules"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "technique": "DockerNat", "scenario": "TCP_RR", "metric": "LatencyP50", "percent": 80 }"""));
                File.WriteAllText(budgets, committed.ToJsonString());
                return (budgets, () => OverheadBudgets.Load(budgets));
            case "baseline":
                return (store.Record(Sample.Rr(Techniques.BareMetal, 30000, 31000)), () => store.LoadFor(Sample.Testbed, Scenario.TCP_RR));
            case "accepted":
                return (store.Record(AcceptedOverhead.Of(Sample.Rr("DockerNat", 20000, 21000), Sample.Rr(Techniques.BareMetal, 30000, 31000))),
                    () => store.LoadAccepted(Sample.Testbed, Scenario.TCP_RR, "DockerNat"));
            default:
                var result = Path.Combine(results, "DockerNat.TCP_RR.json");
                File.WriteAllText(result, MeasurementJson.Serialize(Sample.Rr("DockerNat", 20000, 21000)));
                var verdicts = Path.Combine(results, "DockerNat.TCP_RR.verdicts.json");
                File.WriteAllText(verdicts, """[{ "kind": "budget", "technique": "DockerNat", "scenario": "TCP_RR", "fingerprint": "x", "metrics": [] }]""");
                return (file == "result" ? result : verdicts, () => RunReport.Load(results));
        }
    }

    private static string Broken(string json, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(json)!;
        edit(root);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private Dictionary<string, string> Snapshot() => Directory.GetFiles(_directory, "*", SearchOption.AllDirectories)
        .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
