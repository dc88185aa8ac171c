using System.Net;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// Routes this machine adds toward SUT networks behind a remote SUT host (<c>198.18.N.0/24 via</c> the SUT address),
/// so the client reaches a container or guest address directly. A route has no name of its own: each is recorded as
/// a file <c>vnp-RUNID-ROLE</c> (destination and gateway) in the registry's <c>routes</c> folder, written before the
/// route and removed after it.
/// </summary>
public sealed class ClientRoutes(RunRegistry registry) : IHostResources
{
    /// <summary>The routes of the default registry's runs.</summary>
    public static ClientRoutes Default { get; } = new(RunRegistry.Default);

    /// <inheritdoc />
    public string Kind => "route";

    private string Folder => Path.Combine(registry.Directory, "routes");

    /// <summary>True when this machine already sends <paramref name="address"/> via <paramref name="gateway"/> (a route
    /// the user keeps for the test link, say).</summary>
    public static async Task<bool> RoutedViaAsync(IPAddress address, IPAddress gateway, CancellationToken cancellationToken = default)
    {
        var route = await Tool.RunAsync("ip", ["-4", "route", "get", address.ToString()], cancellationToken, allowFailure: true);
        return route.ExitCode == 0 && route.StandardOutput.Contains($" via {gateway} ", StringComparison.Ordinal);
    }

    /// <summary>Routes <paramref name="subnet"/> via <paramref name="gateway"/>, recorded as <paramref name="name"/>
    /// (needs CAP_NET_ADMIN).</summary>
    public async Task AddAsync(string name, IPNetwork subnet, IPAddress gateway, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, name), $"{subnet} {gateway}\n", cancellationToken);
        await Tool.RunAsync("ip", ["-4", "route", "add", subnet.ToString(), "via", gateway.ToString()], cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(
            Directory.Exists(Folder)
                ? Directory.GetFiles(Folder).Select(Path.GetFileName).OfType<string>().Where(n => ResourceNames.RunIdOf(n) is not null).ToList()
                : []);

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var record = Path.Combine(Folder, name);
        if (!File.Exists(record))
        {
            return;
        }

        var fields = (await File.ReadAllTextAsync(record, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length == 2)
        {
            // Gone already (its link went down with the cable, say) is fine: exit status 2, "No such process".
            await Tool.RunAsync("ip", ["-4", "route", "del", fields[0], "via", fields[1]], cancellationToken, allowFailure: true);
        }

        File.Delete(record);
    }
}
