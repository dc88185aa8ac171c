using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>Rootless Podman as one project user: its CLI with an argument list, run through <c>runuser</c>.</summary>
public sealed class Podman(RootlessUser user)
{
    /// <summary>The user whose containers these are.</summary>
    public RootlessUser User => user;

    /// <summary>Runs <c>podman ARGUMENTS</c>; a non-zero exit throws unless <paramref name="allowFailure"/>.</summary>
    public Task<ToolResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false) =>
        user.RunAsync("podman", arguments, cancellationToken, allowFailure);

    /// <summary>One field of <c>podman inspect</c> of <paramref name="container"/> (a Go template such as
    /// <c>{{.State.Pid}}</c>).</summary>
    public async Task<string> InspectAsync(string container, string template, CancellationToken cancellationToken) =>
        (await RunAsync(["inspect", "--format", template, container], cancellationToken)).StandardOutput.Trim();

    /// <summary>Removes every container of the user at once (<c>-t 0</c>: netserver as PID 1 ignores SIGTERM); after a
    /// killed run Podman may first need <c>system migrate</c> to reread its state.</summary>
    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        if ((await RunAsync(["rm", "--force", "--all", "--time", "0"], cancellationToken, allowFailure: true)).ExitCode != 0)
        {
            await RunAsync(["system", "migrate"], cancellationToken, allowFailure: true);
            await RunAsync(["rm", "--force", "--all", "--time", "0"], cancellationToken, allowFailure: true);
        }
    }
}
