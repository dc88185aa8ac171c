using System.Text.Json;
using Json.Schema;
using VirtPerf.Assertions.Baselines;

namespace VirtPerf.Assertions.Tests.Inputs;

public sealed class SchemaFilesTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "baselines", SchemaFiles.Folder);

    public static TheoryData<string> Names => [.. SchemaFiles.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_committed_schema_is_the_one_the_code_reads_by(string name)
    {
        var path = Path.Combine(Folder, name);
        if (Environment.GetEnvironmentVariable("VIRTPERF_WRITE_SCHEMAS") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, SchemaFiles.All[name]);
        }

        File.Exists(path).Should().BeTrue($"{path} is committed (write it with VIRTPERF_WRITE_SCHEMAS=1 dotnet test tests/VirtPerf.Assertions.Tests)");
        File.ReadAllText(path).Should().Be(
            SchemaFiles.All[name],
            "the schema must match what the code reads; after changing a file format, rewrite it with VIRTPERF_WRITE_SCHEMAS=1 dotnet test tests/VirtPerf.Assertions.Tests");
    }

    [Fact]
    public void The_committed_budget_file_is_valid_against_its_schema()
    {
        var results = Budgets().Evaluate(JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "baselines", "budgets.json"))).RootElement);

        results.IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("\"techniqe\": \"DockerNat\"")]
    [InlineData("\"technique\": \"DockerNATT\"")]
    [InlineData("\"technique\": \"DockerNat\"")]
    public void The_schema_refuses_what_the_reader_refuses(string field)
    {
        var budgets = JsonDocument.Parse($$"""{ "format": "virtnetperf.budgets", "schemaVersion": 1, "defaultPercent": 100, "gatedMetrics": ["Throughput"], "regressionPercent": 5, "rules": [ { {{field}} } ] }""").RootElement;

        Budgets().Evaluate(budgets).IsValid.Should().BeFalse("an unknown key, an unknown name and a rule without percent are all errors");
    }

    private static JsonSchema Budgets() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "budgets.schema.json")));
}
