using System.Text.Json;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>The project's resources of one <c>ip</c> object kind: network namespaces, or links in the host namespace
/// (veth ends, bridges, taps), of this machine or of a remote SUT host. Listed with <c>ip -j</c>, removed by name.</summary>
public sealed class IpResources : IHostResources
{
    private readonly string[] _list;
    private readonly string _nameProperty;
    private readonly string[] _delete;
    private readonly SutHost _host;

    private IpResources(string kind, string[] list, string nameProperty, string[] delete, SutHost host)
    {
        Kind = kind;
        _list = list;
        _nameProperty = nameProperty;
        _delete = delete;
        _host = host;
    }

    /// <summary>Network namespaces (<c>ip netns</c>); deleting one also deletes the veth ends inside it.</summary>
    public static IpResources Namespaces { get; } = new("network namespace", ["-j", "netns", "list"], "name", ["netns", "delete"], LocalSutHost.Instance);

    /// <summary>Links in the host namespace (<c>ip link</c>); deleting one end of a veth pair deletes both.</summary>
    public static IpResources Links { get; } = LinksOn(LocalSutHost.Instance);

    /// <summary>Links in <paramref name="host"/>'s own namespace (a guest's bridge and tap there, say).</summary>
    public static IpResources LinksOn(SutHost host) =>
        new(host is LocalSutHost ? "network link" : $"network link on {host.Description}", ["-j", "link", "show"], "ifname", ["link", "delete"], host);

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var run = await _host.RunAsync("ip", _list, cancellationToken);
        if (string.IsNullOrWhiteSpace(run.StandardOutput))
        {
            return [];
        }

        using var document = JsonDocument.Parse(run.StandardOutput);
        return document.RootElement.EnumerateArray()
            .Select(e => e.TryGetProperty(_nameProperty, out var value) ? value.GetString() : null)
            .OfType<string>()
            .Where(name => ResourceNames.RunIdOf(name) is not null)
            .ToList();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var run = await _host.RunAsync("ip", [.. _delete, name], cancellationToken, allowFailure: true);
        if (run.ExitCode != 0 && (await ListAsync(cancellationToken)).Contains(name))
        {
            throw new ToolException($"Could not remove {Kind} {name}.", run);
        }
    }
}
