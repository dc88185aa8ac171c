using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>The project's network namespaces (<c>ip netns</c>).</summary>
public sealed class NetworkNamespaces : IHostResources
{
    /// <inheritdoc />
    public string Kind => "network namespace";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var run = await Tool.RunAsync("ip", ["-j", "netns", "list"], cancellationToken);
        return IpJson.Names(run.StandardOutput, "name").Where(n => ResourceNames.RunIdOf(n) is not null).ToList();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var run = await Tool.RunAsync("ip", ["netns", "delete", name], cancellationToken, allowFailure: true);
        if (run.ExitCode != 0 && (await ListAsync(cancellationToken)).Contains(name))
        {
            throw new ToolException($"Could not remove network namespace {name}.", run);
        }
    }
}
