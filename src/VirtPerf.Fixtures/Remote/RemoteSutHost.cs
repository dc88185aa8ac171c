using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Remote;

/// <summary>
/// A SUT host on another machine: every command goes through OpenSSH's client (<see cref="SshCommand"/>) as an
/// argument list of quoted words; long-lived payloads are recorded there (<see cref="RemoteScripts"/>) and ended by
/// id. Records live in a folder per client machine, so two clients sharing a SUT host never end each other's runs.
/// </summary>
public sealed partial class RemoteSutHost : SutHost
{
    private readonly string _client;
    private string? _home;

    private RemoteSutHost(SshTarget target, HostFacts facts, bool root)
    {
        Target = target;
        Facts = facts;
        IsRoot = root;
        _client = ClientName().Replace(Environment.MachineName, "_");
    }

    /// <summary>Where and how the host is reached.</summary>
    public SshTarget Target { get; }

    /// <inheritdoc />
    public override string Description => $"{Target.Display} over SSH";

    /// <inheritdoc />
    public override HostFacts Facts { get; }

    /// <inheritdoc />
    public override bool IsRoot { get; }

    /// <summary>Connects once (verifying the host key) and reads the host's facts; an unreachable host, an unknown or
    /// changed host key, or a refused login throw <see cref="RemoteHostException"/> with the fix.</summary>
    public static async Task<RemoteSutHost> ConnectAsync(SshTarget target, CancellationToken cancellationToken = default)
    {
        if (!Tool.IsInstalled(SshCommand.Executable))
        {
            throw new RemoteHostException("The remote testbed needs OpenSSH's client (ssh) on this machine: run scripts/setup.sh.");
        }

        var run = await Run(target, "sh", ["-c", RemoteScripts.Facts], cancellationToken, allowFailure: false);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        if (lines.Length < 4 || !int.TryParse(lines[2], CultureInfo.InvariantCulture, out var cores))
        {
            throw new RemoteHostException($"{target.Display} did not describe itself (uname, nproc, id, /proc/cpuinfo): is it a Linux host?\n  {run.Transcript}");
        }

        var model = lines.Length > 4 && lines[4].Length > 0 ? lines[4] : "unknown";
        return new RemoteSutHost(target, new HostFacts(model, cores, lines[1], lines[0]), lines[3] == "0");
    }

    /// <inheritdoc />
    public override async Task<bool> IsInstalledAsync(string tool, CancellationToken cancellationToken = default) =>
        (await MissingAsync([tool], cancellationToken)).Count == 0;

    /// <summary>Those of <paramref name="tools"/> that are not on the host's PATH.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyList<string> tools, CancellationToken cancellationToken = default)
    {
        var run = await RunAsync("sh", ["-c", RemoteScripts.Missing, "sh", .. tools], cancellationToken);
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <inheritdoc />
    public override Task<ToolResult> RunAsync(
        string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default, bool allowFailure = false) =>
        Run(Target, tool, arguments, cancellationToken, allowFailure);

    /// <inheritdoc />
    public override SutProcess Start(string runId, string role, string tool, IReadOnlyList<string> arguments, RunRegistry registry)
    {
        var name = ResourceNames.For(runId, role);
        var process = registry.Start(
            runId,
            SshCommand.Executable, SshCommand.Arguments(Target, "sh", ["-c", RemoteScripts.Start, "sh", _client, name, tool, .. arguments]));
        return new SutProcess(
            process,
            async ssh =>
            {
                await StopAsync(name, CancellationToken.None);
                await ssh.DisposeAsync();
                registry.RemoveProcess(runId, ssh.ProcessId);
            },
            ct => ProcessIdAsync(name, process, ct));
    }

    /// <inheritdoc />
    public override async Task<string> ProcessFileAsync(
        string runId, string role, string extension, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        _home ??= (await RunAsync("sh", ["-c", RemoteScripts.Home], cancellationToken)).StandardOutput.Trim();
        return $"{_home}/{RemoteScripts.StateFolder["$HOME/".Length..]}/{_client}/{ResourceNames.For(runId, role)}.{extension}";
    }

    /// <summary>A copy in <c>$HOME/.cache/virtnetperf/images/NAME-HASH</c> on the host (HASH: the first 16 hex digits
    /// of the content's SHA-256), sent over SSH only when the host does not have it yet. The copies are a cache, not
    /// run resources: no cleanup removes them.</summary>
    public override async Task<string> CachedCopyAsync(string localFile, CancellationToken cancellationToken = default)
    {
        await using var content = File.OpenRead(localFile);
        var name = $"{Path.GetFileName(localFile)}-{Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken))[..16]}";
        var cached = (await RunAsync("sh", ["-c", RemoteScripts.CachedImage, "sh", name], cancellationToken)).StandardOutput.Trim();
        if (cached.Length > 0)
        {
            return cached;
        }

        var run = await Run(Target, "sh", ["-c", RemoteScripts.CacheImage, "sh", name], cancellationToken, allowFailure: true, inputFile: localFile);
        return run.ExitCode == 0
            ? run.StandardOutput.Trim()
            : throw new ToolException($"Could not copy {localFile} to {Description} (its disk full, say).", run);
    }

    /// <summary>The resource names of the processes this client's runs recorded on the host.</summary>
    public async Task<IReadOnlyList<string>> ProcessNamesAsync(CancellationToken cancellationToken = default)
    {
        var run = await RunAsync("sh", ["-c", RemoteScripts.List, "sh", _client], cancellationToken);
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => ResourceNames.RunIdOf(n) is not null)
            .ToList();
    }

    /// <summary>Ends the recorded process <paramref name="name"/> (SIGINT, then SIGKILL) if it still runs, by its id
    /// and start time, and removes its record.</summary>
    public Task StopAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync("sh", ["-c", RemoteScripts.Stop, "sh", _client, name], cancellationToken);

    /// <summary>The process id the start of <paramref name="name"/> recorded, waiting for the record while its ssh session
    /// runs (the record is written as the session starts).</summary>
    private async Task<int> ProcessIdAsync(string name, ToolProcess ssh, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var text = (await RunAsync("sh", ["-c", RemoteScripts.ProcessId, "sh", _client, name], cancellationToken)).StandardOutput.Trim();
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            if (ssh.HasExited || DateTime.UtcNow > deadline)
            {
                throw ssh.Problem($"{name} recorded no process id on {Description}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<ToolResult> Run(
        SshTarget target, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure,
        string? inputFile = null)
    {
        var run = await Tool.RunAsync(
            SshCommand.Executable, SshCommand.Arguments(target, tool, arguments), cancellationToken, allowFailure: true, inputFile: inputFile);
        if (run.ExitCode == SshFailure.ExitStatus)
        {
            throw SshFailure.Explain(target, run);
        }

        return allowFailure || run.ExitCode == 0 ? run : throw new ToolException($"{tool} failed on {target.Display}.", run);
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex ClientName();
}
