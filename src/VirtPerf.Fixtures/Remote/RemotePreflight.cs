namespace VirtPerf.Fixtures.Remote;

/// <summary>What the remote SUT host must have before anything is measured, checked at once so one error lists every
/// missing piece with its fix.</summary>
public static class RemotePreflight
{
    /// <summary>Tools the payloads and VirtNetPerf's remote scripts need on the SUT host, with where they come from.</summary>
    public static IReadOnlyDictionary<string, string> Tools { get; } = new Dictionary<string, string>
    {
        ["netserver"] = "netperf, from Debian's non-free component",
        ["memcached"] = "memcached",
        ["ip"] = "iproute2",
        ["awk"] = "mawk or gawk",
        ["nproc"] = "coreutils",
    };

    /// <summary>Throws <see cref="RemoteHostException"/> naming every missing tool, an unwritable state folder, and a
    /// SUT address that is not the host's; returns when the host is ready.</summary>
    public static async Task CheckAsync(RemoteSutHost host, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var missing = await host.MissingAsync([.. Tools.Keys], cancellationToken);
        if (missing.Count > 0)
        {
            problems.Add(
                $"missing tools: {string.Join(", ", missing.Select(t => $"{t} ({Tools[t]})"))}. Fix: run scripts/setup.sh on "
                + $"{host.Target.Host} (a checkout of VirtNetPerf there), or install those packages yourself.");
        }

        var state = await host.RunAsync("sh", ["-c", RemoteScripts.StateWritable], cancellationToken, allowFailure: true);
        if (state.ExitCode != 0)
        {
            problems.Add($"{host.Target.Display} cannot write {RemoteScripts.StateFolder} (where the run records its processes): "
                + "log in as a user with a writable home folder (VIRTPERF_REMOTE_USER).");
        }

        if (!missing.Contains("ip"))
        {
            var addresses = await host.RunAsync("ip", ["-o", "-4", "addr", "show"], cancellationToken);
            if (!addresses.StandardOutput.Contains($" {host.Target.SutAddress}/", StringComparison.Ordinal))
            {
                problems.Add($"VIRTPERF_REMOTE_SUT_ADDRESS={host.Target.SutAddress} is not an address of {host.Target.Display}: "
                    + "set it to the SUT host's address on the test link (ip -4 addr there lists them).");
            }
        }

        if (problems.Count > 0)
        {
            throw new RemoteHostException(
                $"The remote SUT host {host.Target.Display} is not ready; nothing was measured:\n  - {string.Join("\n  - ", problems)}");
        }
    }
}
