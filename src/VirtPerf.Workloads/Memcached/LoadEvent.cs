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

    /// <summary>One point of a capacity search or a load sweep ended: <see cref="LoadEvent.Result"/> at the offered rate
    /// <see cref="LoadEvent.TargetQps"/> (0: the closed loop's peak).</summary>
    Probe,

    /// <summary>A capacity search ended: <see cref="LoadEvent.TargetQps"/> is the capacity found (0: no rate met the
    /// limit), <see cref="LoadEvent.PeakQps"/> the closed loop's peak, <see cref="LoadEvent.Result"/> the figures at
    /// the capacity (null when none met it).</summary>
    Capacity,
}

/// <summary>One line of the generator's <c>--json</c> output: the framework reads them as they come.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Iteration">The measured iteration's index, from 0; null for the load phase and warm-up.</param>
/// <param name="Result">The figures, for <see cref="LoadEventKind.Loaded"/>, <see cref="LoadEventKind.Measured"/>,
/// <see cref="LoadEventKind.Probe"/> and <see cref="LoadEventKind.Capacity"/>.</param>
/// <param name="TargetQps">The offered rate of a probe, or the capacity a search found.</param>
/// <param name="PeakQps">A search's closed-loop peak rate.</param>
public sealed record LoadEvent(
    LoadEventKind Kind, int? Iteration = null, LoadResult? Result = null, double? TargetQps = null, double? PeakQps = null)
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
