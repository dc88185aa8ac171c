using System.Text.Json;

namespace VirtPerf.Fixtures.Host;

/// <summary>Reads the JSON that <c>ip -j</c> prints.</summary>
internal static class IpJson
{
    public static IEnumerable<string> Names(string json, string property)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(e => e.TryGetProperty(property, out var value) ? value.GetString() : null)
            .OfType<string>()
            .ToList();
    }
}
