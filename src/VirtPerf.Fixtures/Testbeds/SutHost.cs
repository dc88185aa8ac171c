using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>The machine the SUT runs on: this one (<see cref="LocalSutHost"/>), or a remote one reached over SSH
/// (<see cref="Remote.RemoteSutHost"/>). Techniques run their commands and payloads through it.</summary>
public abstract class SutHost
{
    /// <summary>How a person names this host, e.g. <c>this host</c> or <c>root@lab1 over SSH</c>.</summary>
    public abstract string Description { get; }

    /// <summary>What the SUT host is (CPU, cores, kernel, name).</summary>
    public abstract HostFacts Facts { get; }

    /// <summary>True when commands on the host run as root.</summary>
    public abstract bool IsRoot { get; }

    /// <summary>True when <paramref name="tool"/> is on the host's PATH.</summary>
    public abstract Task<bool> IsInstalledAsync(string tool, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="tool"/> on the host to completion; a non-zero exit throws unless
    /// <paramref name="allowFailure"/>.</summary>
    public abstract Task<ToolResult> RunAsync(
        string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default, bool allowFailure = false);

    /// <summary>The text of the file <paramref name="path"/> on the host (a /proc or /sys counter, say).</summary>
    public virtual async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        (await RunAsync("cat", ["--", path], cancellationToken)).StandardOutput;

    /// <summary>True when <paramref name="path"/> exists on the host (a device node such as /dev/kvm, say).</summary>
    public virtual async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        (await RunAsync("test", ["-e", path], cancellationToken, allowFailure: true)).ExitCode == 0;

    /// <summary>Where the host finds the content of this machine's <paramref name="localFile"/> (a guest kernel or
    /// image): here the file itself; on a remote host a copy in its image cache, made once per content. Image cache
    /// files are not run resources: like this machine's own image cache they stay for later runs.</summary>
    public abstract Task<string> CachedCopyAsync(string localFile, CancellationToken cancellationToken = default);

    /// <summary>The path on the host of a file that belongs to the process <paramref name="runId"/>/<paramref name="role"/>
    /// started by <see cref="Start"/> (its console log, say), removed when that process is stopped (and with the run's
    /// records after a killed run).</summary>
    public abstract Task<string> ProcessFileAsync(
        string runId, string role, string extension, RunRegistry registry, CancellationToken cancellationToken = default);

    /// <summary>Starts a long-lived <paramref name="tool"/> on the host for the run <paramref name="runId"/> under the
    /// resource name of <paramref name="role"/>, recorded so that a killed run's next start ends it.</summary>
    public abstract SutProcess Start(string runId, string role, string tool, IReadOnlyList<string> arguments, RunRegistry registry);
}
