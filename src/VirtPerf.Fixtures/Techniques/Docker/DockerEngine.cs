using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>The Docker engine the container techniques use: this machine's (DOCKER_HOST, else the default socket),
/// or a remote SUT host's, reached by Testcontainers through a socket forwarded over SSH.</summary>
/// <param name="cli">The docker CLI aimed at the engine (run on the engine's host).</param>
/// <param name="endpoint">The engine's API endpoint as this machine reaches it (<c>unix:///PATH</c>).</param>
public sealed class DockerEngine(DockerCli cli, string endpoint)
{
    /// <summary>The Docker API version Testcontainers 4.14 asks for unless DOCKER_API_VERSION says otherwise.</summary>
    public static readonly Version ClientApiVersion = new(1, 44);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>This machine's engine.</summary>
    public static DockerEngine Local { get; } = new(DockerCli.Local, DockerCli.Local.Where);

    /// <summary>The docker CLI aimed at the engine.</summary>
    public DockerCli Cli => cli;

    /// <summary>The endpoint Testcontainers talks to.</summary>
    public string Endpoint => endpoint;

    /// <summary>Where the engine runs, for messages and results.</summary>
    public string Where => cli.Where;

    /// <summary>
    /// Checks that the engine answers; returns why not (with the fix), or null. An engine older than the client's API
    /// version (Debian 12's docker.io 20.10 speaks API 1.41) is asked in its own version, the way the docker CLI
    /// negotiates, unless DOCKER_API_VERSION is already set.
    /// </summary>
    public async Task<string?> PrepareAsync(CancellationToken cancellationToken = default)
    {
        var local = cli.Host is LocalSutHost;
        var fix = local ? "run scripts/setup.sh (it installs docker.io and starts dockerd)" : $"install docker.io on {cli.Host.Description} and start dockerd there";
        if (!await cli.IsInstalledAsync(cancellationToken))
        {
            return $"the docker CLI is not installed on {cli.Host.Description}: {fix}.";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        ToolResult run;
        try
        {
            run = await cli.RunAsync(["version", "--format", "{{.Server.APIVersion}}"], timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the Docker engine at {Where} did not answer within {ProbeTimeout.TotalSeconds:0} s.";
        }

        if (run.ExitCode != 0 || !Version.TryParse(run.StandardOutput.Trim(), out var engineApi))
        {
            return $"no Docker engine answers at {Where}: {fix}, or set {(local ? "DOCKER_HOST" : "VIRTPERF_REMOTE_DOCKER_SOCKET")}. "
                + $"The docker CLI said: {run.StandardError.Trim()}";
        }

        if (engineApi < ClientApiVersion && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")))
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", engineApi.ToString(2));
        }

        return null;
    }
}
