using System.Diagnostics;
using System.Globalization;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Techniques.Rootless;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.RootlessPasta;

/// <summary>The payload in a rootless Podman container on pasta (passt's namespace mode), which maps the container's
/// sockets onto the host's without a TCP/IP stack of its own. Podman 4.3 predates <c>--network pasta</c> (4.4), so this
/// does what 4.4 does: the container starts with <c>--network none</c>, then pasta, as the container's user, joins its
/// namespaces by pid and forwards the ports from the host's cable address.</summary>
public sealed class RootlessPastaFixture(TestbedFixture run) : RootlessFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "RootlessPasta";

    private static readonly TimeSpan PidFileTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Container, "Podman", "#9edae5",
        "the payload container of an unprivileged user the run creates (rootless Podman), on pasta (passt) (local testbed only)",
        "ports pasta forwards from the host's cable address (netserver 12865, data port 50001 TCP and UDP, memcached 11211)",
        "a user namespace and pasta's translation between the container's tap and host sockets, whose CPU counts",
        BudgetPercent: 1000, TailBudgetPercent: 3000, Resources: [ProjectUsers.Default]);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Forwarder => "pasta";

    /// <inheritdoc />
    protected override string Role => "rpa";

    /// <inheritdoc />
    protected override IReadOnlyList<string> NetworkOptions(Testbed testbed) => ["--network", "none"];

    /// <inheritdoc />
    // pasta(1): -t/-u ADDR/PORT forward that host port into the namespace; -T/-U none forward nothing back; --config-net
    // configures the namespace's interface; -P writes the pid of the daemon it becomes (it does not exit with the
    // container: the user's cleanup ends it).
    protected override async Task<int> ForwarderAsync(Podman podman, int containerPid, Testbed testbed, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(podman.User.RuntimeDirectory, $"{ResourceNames.For(Run.RunId, "rpaf")}.pid");
        var address = testbed.HostAddress.ToString();
        await podman.User.RunAsync(
            Forwarder,
            [
                "--quiet", "--config-net",
                .. TcpPorts.SelectMany(p => new[] { "--tcp-ports", $"{address}/{p}" }),
                "--udp-ports", $"{address}/{DockerNatFixture.NetperfDataPort}",
                "--tcp-ns", "none", "--udp-ns", "none", "--pid", pidFile, containerPid.ToString(CultureInfo.InvariantCulture),
            ],
            cancellationToken);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < PidFileTimeout)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile, cancellationToken)).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new InvalidOperationException($"pasta wrote no pid to {pidFile} within {PidFileTimeout.TotalSeconds:0} s.");
    }
}
