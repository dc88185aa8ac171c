using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtPerf.Workloads.Memcached;

/// <summary>What kind of <see cref="LoadEvent"/> a line is.</summary>
public enum LoadEventKind
{
    /// <summary>The load phase ended; <see cref="LoadEvent.Result"/> holds its figures.</summary>
    Loaded,

    /// <summary>The warm-up ended (its figures are discarded).</summary>
    WarmedUp,

    /// <summary>A measured iteration starts now.</summary>
    Started,

    /// <summary>A measured iteration ended; <see cref="LoadEvent.Result"/> holds its figures.</summary>
    Measured,
}

/// <summary>One line of the generator's <c>--json</c> output: the framework reads them as they come.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Iteration">The measured iteration's index, from 0; null for the load phase and warm-up.</param>
/// <param name="Result">The figures, for <see cref="LoadEventKind.Loaded"/> and <see cref="LoadEventKind.Measured"/>.</param>
public sealed record LoadEvent(LoadEventKind Kind, int? Iteration = null, LoadResult? Result = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The event as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads one line; throws <see cref="JsonException"/> on anything that is not an event.</summary>
    public static LoadEvent Parse(string line) =>
        JsonSerializer.Deserialize<LoadEvent>(line, Options) ?? throw new JsonException("The line holds null instead of an event.");
}
