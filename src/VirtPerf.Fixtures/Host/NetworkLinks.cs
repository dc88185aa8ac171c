using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>The project's network links in the host namespace: veth ends, bridges, taps (<c>ip link</c>).</summary>
public sealed class NetworkLinks : IHostResources
{
    /// <inheritdoc />
    public string Kind => "network link";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var run = await Tool.RunAsync("ip", ["-j", "link", "show"], cancellationToken);
        return IpJson.Names(run.StandardOutput, "ifname").Where(n => ResourceNames.RunIdOf(n) is not null).ToList();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        // Deleting one end of a veth pair deletes both; the peer may already be gone with its namespace.
        var run = await Tool.RunAsync("ip", ["link", "delete", name], cancellationToken, allowFailure: true);
        if (run.ExitCode != 0 && (await ListAsync(cancellationToken)).Contains(name))
        {
            throw new ToolException($"Could not remove network link {name}.", run);
        }
    }
}
