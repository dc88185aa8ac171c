using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace VirtPerf.Workloads.Measurements;

/// <summary>
/// Reading the files a user edits or the framework reads back (budgets, baselines, accepted overheads, results)
/// strictly: an unknown key, a missing required field, a wrong type or a null where a value is needed is an error
/// that names the file, the JSON path, the value and the fix, never a default silently taken. Also the JSON schema of
/// those files, generated from the same types and options (baselines/schemas).
/// </summary>
public static partial class StrictJson
{
    /// <summary>The one JSON form (<see cref="MeasurementJson.Options"/>) read strictly. Named floating-point
    /// literals stay readable (a verdict's interval without evidence has infinite ends); figures are checked finite
    /// by the readers.</summary>
    public static JsonSerializerOptions Options { get; } = new(MeasurementJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads <paramref name="path"/> as <typeparamref name="T"/>: first its <c>format</c> (when
    /// <paramref name="format"/> is given) and <c>schemaVersion</c> (when <paramref name="version"/> is: a file that is
    /// a list carries its versions in its items, for <paramref name="problems"/> to check), then its shape, strictly, then what
    /// <paramref name="problems"/> finds in its values. Anything wrong throws what <paramref name="error"/> makes of a
    /// message naming <paramref name="what"/>, the file, the JSON path and the value, followed by <paramref name="fix"/>.</summary>
    public static T Read<T>(
        string path, string what, string? format, int? version, string fix, Func<string, Exception?, Exception> error,
        Func<T, IEnumerable<string>>? problems = null)
        where T : class
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw error($"{what} {path} cannot be read ({e.Message}). {fix}", e);
        }

        Exception Wrong(string problem, Exception? inner = null) => error($"{what} {path}: {problem}. {fix}", inner);
        try
        {
            var root = JsonNode.Parse(json);
            if (version is not null)
            {
                var header = root as JsonObject ?? throw Wrong("holds no JSON object");
                var (foundFormat, foundVersion) = (Scalar(header, "format"), Scalar(header, "schemaVersion"));
                if (format is not null && foundFormat != $"\"{format}\"")
                {
                    throw Wrong($"$.format is {foundFormat ?? "missing"}, not \"{format}\": this is no {what.ToLowerInvariant()}");
                }

                if (foundVersion != version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    throw Wrong($"$.schemaVersion is {foundVersion ?? "missing"}; this build reads version {version}");
                }
            }

            var value = root.Deserialize<T>(Options) ?? throw Wrong("holds null");
            if ((problems?.Invoke(value) ?? []).ToList() is { Count: > 0 } found)
            {
                throw Wrong(string.Join("; ", found.Take(5)) + (found.Count > 5 ? $"; and {found.Count - 5} more" : ""));
            }

            return value;
        }
        catch (JsonException e)
        {
            throw Wrong(Describe(e, json), e);
        }
        catch (NotSupportedException e)
        {
            throw Wrong(e.Message, e);
        }
    }

    private static string? Scalar(JsonObject root, string key) => root[key] is JsonValue value ? value.ToJsonString() : null;

    /// <summary>What is wrong, in the file's words: the JSON path, the key or value, and what is expected there.</summary>
    private static string Describe(JsonException e, string json)
    {
        var place = e.Path ?? "$";
        var message = Suffix().Replace(e.Message, "").TrimEnd('.');
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var parent = place.EndsWith($".{unmapped.Groups["key"].Value}", StringComparison.Ordinal)
                ? place[..^(unmapped.Groups["key"].Value.Length + 1)]
                : place;
            return $"unknown key '{unmapped.Groups["key"].Value}' at {parent}; the keys there are: {string.Join(", ", Keys(unmapped.Groups["type"].Value))}";
        }

        if (Missing().Match(message) is { Success: true } missing)
        {
            return $"{place} lacks {missing.Groups["keys"].Value}, which {(missing.Groups["keys"].Value.Contains(',') ? "are" : "is")} required";
        }

        if (NotNull().IsMatch(message))
        {
            return $"{place} is null where a value is needed";
        }

        if (Converted().Match(message) is { Success: true } converted)
        {
            var type = TypeAt(TypeNamed(converted.Groups["type"].Value), place);
            var expected = type is { IsEnum: true } ? $"one of {string.Join(", ", Enum.GetNames(type))}" : Friendly(type, converted.Groups["type"].Value);
            return ValueAt(json, place) is { } value ? $"{place} is {value}, which is not {expected}" : $"{place} is not {expected}";
        }

        return e.LineNumber is { } line
            ? $"not valid JSON at line {line + 1}, byte {e.BytePositionInLine + 1}: {message}"
            : $"{message} (at {place})";
    }

    /// <summary>The JSON schema of <typeparamref name="T"/> as read strictly: unknown keys refused, required fields
    /// listed, numbers as numbers. <paramref name="transform"/> may add what the types cannot say (valid names).</summary>
    public static JsonNode Schema<T>(Func<JsonSchemaExporterContext, JsonNode, JsonNode>? transform = null)
    {
        var options = new JsonSerializerOptions(Options) { NumberHandling = JsonNumberHandling.Strict };
        options.MakeReadOnly(populateMissingResolver: true);
        return options.GetJsonSchemaAsNode(typeof(T), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = transform,
        });
    }

    private static IEnumerable<string> Keys(string typeName) =>
        TypeNamed(typeName) is { } type
            ? Options.GetTypeInfo(type).Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).Select(p => p.Name)
            : ["(unknown)"];

    /// <summary>The type of the key <paramref name="place"/> ends with when it is a property of <paramref name="type"/>
    /// (a constructor parameter's conversion error names the record, not the field), else <paramref name="type"/>.</summary>
    private static Type? TypeAt(Type? type, string place) =>
        type is not null && Step().Matches(place) is { Count: > 0 } steps && steps[^1].Groups["key"] is { Success: true } key
            && Options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == key.Value) is { } property
            ? Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType
            : type;

    private static Type? TypeNamed(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is { IsGenericTypeDefinition: false });

    private static string Friendly(Type? type, string name) => type switch
    {
        _ when type == typeof(double) || type == typeof(int) || type == typeof(long) => "a number",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(DateTimeOffset) => "a date and time (ISO 8601)",
        _ when type == typeof(bool) => "true or false",
        _ when name.Contains('`', StringComparison.Ordinal) || type is { IsGenericType: true } or { IsArray: true } => "a list or a map",
        _ => $"an object ({name[(name.LastIndexOf('.') + 1)..]})",
    };

    /// <summary>The raw JSON at <paramref name="path"/> (<c>$.a[1].b</c>), or null when it cannot be found.</summary>
    private static string? ValueAt(string json, string path)
    {
        try
        {
            var node = JsonNode.Parse(json);
            foreach (Match step in Step().Matches(path))
            {
                node = step.Groups["index"].Success
                    ? node?.AsArray()[int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]
                    : node?.AsObject()[step.Groups["key"].Value];
            }

            return node?.ToJsonString() ?? "null";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\.? (Path|LineNumber): .*$", RegexOptions.Singleline)]
    private static partial Regex Suffix();

    [GeneratedRegex(@"The JSON property '(?<key>[^']*)' could not be mapped to any \.NET member contained in type '(?<type>[^']*)'")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"was missing required properties including: (?<keys>.*)$")]
    private static partial Regex Missing();

    [GeneratedRegex(@"doesn't allow null values")]
    private static partial Regex NotNull();

    [GeneratedRegex(@"could not be converted to (?<type>[\w`]+(\.[\w`]+)*)")]
    private static partial Regex Converted();

    [GeneratedRegex(@"\.(?<key>[^.\[\]]+)|\['(?<key>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
