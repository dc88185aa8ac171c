using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtPerf.Workloads.Measurements;

/// <summary>The one JSON form of measurements: results files and baselines both use it.</summary>
public static class MeasurementJson
{
    /// <summary>Indented, camelCase, enums by name; an interval without evidence has infinite ends, written by name.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The measurement as indented JSON.</summary>
    public static string Serialize(Measurement measurement) => JsonSerializer.Serialize(measurement, Options);

    /// <summary>Reads a measurement; throws <see cref="JsonException"/> on malformed or incomplete JSON.</summary>
    public static Measurement Deserialize(string json) =>
        JsonSerializer.Deserialize<Measurement>(json, Options)
        ?? throw new JsonException("The JSON holds null instead of a measurement.");
}
