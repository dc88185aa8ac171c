using VirtPerf.Cli;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Host;

/// <summary>The docker CLI aimed at one engine: this machine's (DOCKER_HOST, else the default socket), or the engine
/// of a remote SUT host, the CLI run there over SSH against that host's socket.</summary>
public sealed class DockerCli
{
    private DockerCli(SutHost host, string? socket)
    {
        Host = host;
        Socket = socket;
    }

    /// <summary>This machine's engine.</summary>
    public static DockerCli Local { get; } = new(LocalSutHost.Instance, null);

    /// <summary>The host the engine runs on.</summary>
    public SutHost Host { get; }

    /// <summary>The engine's socket on <see cref="Host"/>, or null for the CLI's own choice.</summary>
    public string? Socket { get; }

    /// <summary>Where the engine is, for messages: <c>unix:///var/run/docker.sock on root@lab1 over SSH</c>.</summary>
    public string Where => Socket is null
        ? Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } dockerHost ? dockerHost : "unix:///var/run/docker.sock"
        : $"unix://{Socket} on {Host.Description}";

    /// <summary>The engine listening on <paramref name="socket"/> of <paramref name="host"/>.</summary>
    public static DockerCli On(SutHost host, string socket) => new(host, socket);

    /// <summary>True when the docker CLI is on the host's PATH.</summary>
    public Task<bool> IsInstalledAsync(CancellationToken cancellationToken = default) => Host.IsInstalledAsync("docker", cancellationToken);

    /// <summary>Runs <c>docker ARGUMENTS</c> against the engine; a failure is returned, not thrown.</summary>
    public Task<ToolResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        Host.RunAsync("docker", Socket is null ? arguments : ["-H", "unix://" + Socket, .. arguments], cancellationToken, allowFailure: true);
}
