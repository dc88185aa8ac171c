using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>The Docker engine the container techniques use: DOCKER_HOST, else the default socket.</summary>
public static class DockerEngine
{
    /// <summary>The Docker API version Testcontainers 4.14 asks for unless DOCKER_API_VERSION says otherwise.</summary>
    public static readonly Version ClientApiVersion = new(1, 44);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Checks that an engine answers and lets Testcontainers talk to it; returns why not (with the fix), or null.
    /// An engine older than the client's API version (Debian 12's docker.io 20.10 speaks API 1.41) is asked in its
    /// own version, the way the docker CLI negotiates, unless DOCKER_API_VERSION is already set.
    /// </summary>
    public static async Task<string?> PrepareAsync(CancellationToken cancellationToken = default)
    {
        if (!Tool.IsInstalled("docker"))
        {
            return "the docker CLI is not installed: run scripts/setup.sh (it installs docker.io and starts dockerd).";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var where = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";
        ToolResult run;
        try
        {
            run = await Tool.RunAsync("docker", ["version", "--format", "{{.Server.APIVersion}}"], timeout.Token, allowFailure: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the Docker engine at {where} did not answer within {ProbeTimeout.TotalSeconds:0} s.";
        }

        if (run.ExitCode != 0 || !Version.TryParse(run.StandardOutput.Trim(), out var engineApi))
        {
            return $"no Docker engine answers at {where}: run scripts/setup.sh (it starts dockerd), or set DOCKER_HOST. "
                + $"The docker CLI said: {run.StandardError.Trim()}";
        }

        if (engineApi < ClientApiVersion && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")))
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", engineApi.ToString(2));
        }

        return null;
    }
}
