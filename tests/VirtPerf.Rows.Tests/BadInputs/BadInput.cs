using System.Text.Json.Nodes;

namespace VirtPerf.Rows.Tests.BadInputs;

/// <summary>One broken input a user can make: which file, how it is broken, and what the error must say.</summary>
/// <param name="Name">What the user did, as the test case's name.</param>
/// <param name="File">The file it touches: budgets, baseline, accepted, result or verdicts.</param>
/// <param name="Break">The edit, on the file's JSON (null: replace the whole text with <paramref name="Text"/>).</param>
/// <param name="Says">What the error must contain besides the file's path.</param>
/// <param name="Text">The file's whole text when <paramref name="Break"/> is null.</param>
public sealed record BadInput(string Name, string File, Action<JsonNode>? Break, string Says, string? Text = null)
{
    public override string ToString() => Name;

    public static BadInput Edit(string name, string file, Action<JsonNode> edit, string says) => new(name, file, edit, says);

    public static BadInput Replace(string name, string file, string text, string says) => new(name, file, null, says, text);

    /// <summary>The node at <paramref name="path"/> (<c>a.b[1].c</c>) below <paramref name="root"/>.</summary>
    public static JsonNode At(JsonNode root, string path) =>
        path.Split('.').Aggregate(root, (node, step) =>
        {
            var open = step.IndexOf('[', StringComparison.Ordinal);
            var key = open < 0 ? step : step[..open];
            node = key.Length > 0 ? node[key]! : node;
            return open < 0 ? node : node[int.Parse(step[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        });

    /// <summary>An edit setting the key at the end of <paramref name="path"/> to <paramref name="value"/> (raw JSON).</summary>
    public static Action<JsonNode> Set(string path, string value) => root =>
    {
        var (parent, key) = Split(path);
        At(root, parent).AsObject()[key] = JsonNode.Parse(value);
    };

    /// <summary>An edit removing the key at the end of <paramref name="path"/>.</summary>
    public static Action<JsonNode> Remove(string path) => root =>
    {
        var (parent, key) = Split(path);
        At(root, parent).AsObject().Remove(key);
    };

    /// <summary>An edit renaming the key at the end of <paramref name="path"/> (a typo).</summary>
    public static Action<JsonNode> Rename(string path, string to) => root =>
    {
        var (parent, key) = Split(path);
        var node = At(root, parent).AsObject();
        var value = node[key];
        node.Remove(key);
        node[to] = value;
    };

    private static (string Parent, string Key) Split(string path) =>
        path.LastIndexOf('.') is var dot and >= 0 ? (path[..dot], path[(dot + 1)..]) : ("", path);
}
