using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirtPerf.Fixtures.Techniques.Docker;

namespace VirtPerf.Fixtures.Techniques.GVisor;

/// <summary>
/// gVisor's runtimes as scripts/setup.sh registers them with dockerd (<c>/etc/docker/daemon.json</c>), and whether
/// one can run here, asked before anything is created: a runsc that cannot start leaves its sandbox and gofer
/// processes behind, outside every container.
/// </summary>
public static partial class GVisorRuntime
{
    /// <summary>runsc on the ptrace platform with its own network stack.</summary>
    public const string Netstack = "virtnetperf-runsc";

    /// <summary>runsc on the ptrace platform with the host network passthrough.</summary>
    public const string HostNetwork = "virtnetperf-runsc-hostnet";

    /// <summary>The first gVisor release whose root-namespace check works on kernels where every network namespace has
    /// net.core.rmem_default (it checks net.core.dev_weight since).</summary>
    public const int FirstNamespaceAwareRelease = 20240801;

    /// <summary>Why <paramref name="runtime"/> cannot run on <paramref name="engine"/>, with the fix, or null.</summary>
    public static async Task<string?> UnavailableAsync(DockerEngine engine, string runtime, bool ownNetworkStack, CancellationToken cancellationToken)
    {
        var info = await engine.Cli.RunAsync(["info", "--format", "{{json .Runtimes}}"], cancellationToken);
        using var runtimes = JsonDocument.Parse(info.ExitCode == 0 && info.StandardOutput.Trim().StartsWith('{') ? info.StandardOutput : "{}");
        if (!runtimes.RootElement.TryGetProperty(runtime, out var entry) || entry.TryGetProperty("path", out var pathJson) is false)
        {
            return $"the Docker engine at {engine.Where} has no '{runtime}' runtime: run scripts/setup.sh (it installs runsc, adds "
                + "gVisor's runtimes to /etc/docker/daemon.json and has dockerd reread it).";
        }

        var path = pathJson.GetString()!;
        var version = await engine.Cli.Host.RunAsync(path, ["--version"], cancellationToken, allowFailure: true);
        if (version.ExitCode != 0)
        {
            return $"runsc at {path} (dockerd's '{runtime}' runtime) does not run on {engine.Cli.Host.Description}: {version.Transcript.Trim()}. Install runsc (scripts/setup.sh).";
        }

        var firstLine = version.StandardOutput.Split('\n')[0].Trim();
        if (ownNetworkStack && Release(firstLine) < FirstNamespaceAwareRelease && await EveryNamespaceLooksRootAsync(engine, cancellationToken))
        {
            return $"{path} ({firstLine}) takes every network namespace for the root one on this kernel, where "
                + "net.core.rmem_default exists in each namespace, so gVisor's own network stack cannot start (its containers "
                + "fail with \"cannot run with network enabled in root network namespace\" and leave their sandbox processes "
                + $"behind). gVisor release-{FirstNamespaceAwareRelease} and later check another file: install one and point "
                + $"dockerd's '{runtime}' runtime at it in /etc/docker/daemon.json. GVisorHostNet runs with this runsc.";
        }

        return null;
    }

    /// <summary>The release date in a runsc version line (<c>runsc version release-20240807.0</c>, Debian's
    /// <c>0.0~20221219.0</c>), or 0.</summary>
    public static int Release(string versionLine) =>
        ReleaseDate().Match(versionLine) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : 0;

    // What runsc's check before release-20240801 looks at, in a namespace of its own on the engine's host.
    private static async Task<bool> EveryNamespaceLooksRootAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await engine.Cli.Host.RunAsync("unshare", ["--net", "test", "-e", "/proc/sys/net/core/rmem_default"], cancellationToken, allowFailure: true))
        .ExitCode == 0;

    [GeneratedRegex(@"(?<!\d)20\d{6}(?!\d)")]
    private static partial Regex ReleaseDate();
}
