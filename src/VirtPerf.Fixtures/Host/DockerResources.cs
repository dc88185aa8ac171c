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
    private readonly string _nameColumn;
    private readonly Func<string, CancellationToken, Task<ToolResult>> _remove;

    private DockerResources(
        string kind, string[] list, string nameColumn, Func<string, CancellationToken, Task<ToolResult>> remove)
    {
        Kind = kind;
        _list = list;
        _nameColumn = nameColumn;
        _remove = remove;
    }

    /// <summary>Containers, removed with their anonymous volumes.</summary>
    public static DockerResources Containers { get; } = new(
        "docker container", ["ps", "--all"], "{{.Names}}", (name, ct) => Docker(["rm", "--force", "--volumes", name], ct));

    /// <summary>Networks (remove containers first).</summary>
    public static DockerResources Networks { get; } = new(
        "docker network", ["network", "ls"], "{{.Name}}", (name, ct) => Docker(["network", "rm", name], ct));

    /// <summary>Images, listed by repository; every tag of it goes (a bare repository would mean only ':latest').</summary>
    public static DockerResources Images { get; } = new(
        "docker image", ["images"], "{{.Repository}}", async (name, ct) =>
        {
            var tags = await Docker(["images", name, "--format", "{{.Repository}}:{{.Tag}}"], ct);
            return await Docker(["image", "rm", "--force", .. Lines(tags.StandardOutput)], ct);
        });

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
            run = await Docker([.. _list, "--filter", $"label={RunLabel}", "--format", _nameColumn], timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return []; // An engine that does not answer holds nothing we could remove now; the next start tries again.
        }

        return run.ExitCode != 0 ? [] : Lines(run.StandardOutput).Where(n => ResourceNames.RunIdOf(n) is not null).Distinct().ToList();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (!(await ListAsync(cancellationToken)).Contains(name))
        {
            return;
        }

        var run = await _remove(name, cancellationToken);
        if ((await ListAsync(cancellationToken)).Contains(name))
        {
            throw new ToolException($"Could not remove {Kind} {name}.", run);
        }
    }

    private static Task<ToolResult> Docker(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Tool.RunAsync("docker", arguments, cancellationToken, allowFailure: true);

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
