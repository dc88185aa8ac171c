using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// The project's Docker containers, networks or images on one engine, found by the project label and named like every
/// other host resource (<c>vnp-RUNID-ROLE</c>; an image by its repository). Without a reachable engine there are none.
/// </summary>
public sealed class DockerResources : IHostResources
{
    /// <summary>The label on everything the project creates in Docker; its value is the run id.</summary>
    public const string RunLabel = "org.virtnetperf.run";

    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(15);
    private readonly DockerCli _docker;
    private readonly string[] _list;
    private readonly string _nameColumn;
    private readonly Func<DockerCli, string, CancellationToken, Task<ToolResult>> _remove;

    private DockerResources(
        DockerCli docker, string kind, string[] list, string nameColumn, Func<DockerCli, string, CancellationToken, Task<ToolResult>> remove)
    {
        _docker = docker;
        Kind = docker.Host is LocalSutHost ? kind : $"{kind} on {docker.Host.Description}";
        _list = list;
        _nameColumn = nameColumn;
        _remove = remove;
    }

    /// <summary>This machine's containers.</summary>
    public static DockerResources Containers { get; } = ContainersOf(DockerCli.Local);

    /// <summary>This machine's networks.</summary>
    public static DockerResources Networks { get; } = NetworksOf(DockerCli.Local);

    /// <summary>This machine's images.</summary>
    public static DockerResources Images { get; } = ImagesOf(DockerCli.Local);

    /// <inheritdoc />
    public string Kind { get; }

    /// <summary>Containers, networks and images of <paramref name="docker"/>'s engine, in the order they can be removed.</summary>
    public static IHostResources[] Of(DockerCli docker) => [ContainersOf(docker), NetworksOf(docker), ImagesOf(docker)];

    /// <summary>Containers, removed with their anonymous volumes.</summary>
    public static DockerResources ContainersOf(DockerCli docker) => new(
        docker, "docker container", ["ps", "--all"], "{{.Names}}", (d, name, ct) => d.RunAsync(["rm", "--force", "--volumes", name], ct));

    /// <summary>Networks (remove containers first).</summary>
    public static DockerResources NetworksOf(DockerCli docker) => new(
        docker, "docker network", ["network", "ls"], "{{.Name}}", (d, name, ct) => d.RunAsync(["network", "rm", name], ct));

    /// <summary>Images, listed by repository; every tag of it goes (a bare repository would mean only ':latest').</summary>
    public static DockerResources ImagesOf(DockerCli docker) => new(
        docker, "docker image", ["images"], "{{.Repository}}", async (d, name, ct) =>
        {
            var tags = await d.RunAsync(["images", name, "--format", "{{.Repository}}:{{.Tag}}"], ct);
            return await d.RunAsync(["image", "rm", "--force", .. Lines(tags.StandardOutput)], ct);
        });

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        if (!await _docker.IsInstalledAsync(cancellationToken))
        {
            return [];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(EngineTimeout);
        ToolResult run;
        try
        {
            run = await _docker.RunAsync([.. _list, "--filter", $"label={RunLabel}", "--format", _nameColumn], timeout.Token);
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

        var run = await _remove(_docker, name, cancellationToken);
        if ((await ListAsync(cancellationToken)).Contains(name))
        {
            throw new ToolException($"Could not remove {Kind} {name}.", run);
        }
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
