using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's Docker containers, networks or images, found by the project label and named like every other
/// host resource (<c>vnp-RUNID-ROLE</c>; an image by its repository). Without a reachable engine there are none.
/// </summary>
public sealed class DockerResources : IHostResources
{
    /// <summary>The label on everything the project creates in Docker; its value is the run id.</summary>
    public const string RunLabel = "org.virtnetperf.run";

    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(15);
    private readonly string[] _list;
    private readonly Func<string, string[]> _remove;

    private DockerResources(string kind, string[] list, Func<string, string[]> remove)
    {
        Kind = kind;
        _list = list;
        _remove = remove;
    }

    /// <summary>Containers, removed with their anonymous volumes.</summary>
    public static DockerResources Containers { get; } = new(
        "docker container", ["ps", "--all", "--filter", $"label={RunLabel}", "--format", "{{.Names}}"], name => ["rm", "--force", "--volumes", name]);

    /// <summary>Networks (remove containers first).</summary>
    public static DockerResources Networks { get; } = new(
        "docker network", ["network", "ls", "--filter", $"label={RunLabel}", "--format", "{{.Name}}"], name => ["network", "rm", name]);

    /// <summary>Images, by repository: every tag of it goes.</summary>
    public static DockerResources Images { get; } = new(
        "docker image", ["images", "--filter", $"label={RunLabel}", "--format", "{{.Repository}}"], name => ["rmi", "--force", name]);

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Tool.IsInstalled("docker"))
        {
            return [];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(EngineTimeout);
        ToolResult run;
        try
        {
            run = await Tool.RunAsync("docker", _list, timeout.Token, allowFailure: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return []; // An engine that does not answer holds nothing we could remove now; the next start tries again.
        }

        return run.ExitCode != 0
            ? []
            : run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(name => ResourceNames.RunIdOf(name) is not null)
                .Distinct()
                .ToList();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || name.StartsWith('-'))
        {
            throw new ArgumentException($"'{name}' is not a resource name.", nameof(name));
        }

        if (name.StartsWith(ResourceNames.Prefix, StringComparison.Ordinal) && (await ListAsync(cancellationToken)).Contains(name))
        {
            await Tool.RunAsync("docker", _remove(name), cancellationToken);
        }
    }
}
