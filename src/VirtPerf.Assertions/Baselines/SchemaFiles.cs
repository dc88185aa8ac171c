using System.Text.Json;
using System.Text.Json.Nodes;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Baselines;

/// <summary>The JSON schemas of the files a user edits or keeps (<c>baselines/schemas/</c>), generated from the types
/// and options that read them (<see cref="StrictJson"/>), so that an editor validates what the framework accepts.
/// A test compares the committed files with these and rewrites them when <c>VIRTPERF_WRITE_SCHEMAS=1</c>.</summary>
public static class SchemaFiles
{
    /// <summary>The folder of the schemas under the baselines directory.</summary>
    public const string Folder = "schemas";

    /// <summary>Each schema file's name and its content, as committed.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["budgets.schema.json"] = Text("VirtNetPerf budgets (baselines/budgets.json)", OverheadBudgets.Schema()),
        ["baseline.schema.json"] = Text("VirtNetPerf bare-metal baseline (baselines/FINGERPRINT/SCENARIO.json)", StrictJson.Schema<Baseline>()),
        ["accepted-overhead.schema.json"] = Text(
            "VirtNetPerf accepted overhead (baselines/FINGERPRINT/accepted/TECHNIQUE.SCENARIO.json)", StrictJson.Schema<AcceptedOverhead>()),
        ["measurement.schema.json"] = Text("VirtNetPerf measurement (results/RUN/TECHNIQUE.SCENARIO.json)", StrictJson.Schema<Measurement>()),
    };

    private static string Text(string title, JsonNode schema)
    {
        var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["title"] = title };
        foreach (var (key, value) in schema.AsObject().ToList())
        {
            root[key] = value?.DeepClone();
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
