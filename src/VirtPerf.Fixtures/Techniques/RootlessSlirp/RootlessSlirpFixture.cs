using System.Diagnostics;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Techniques.Rootless;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.RootlessSlirp;

/// <summary>The payload in a rootless Podman container on slirp4netns (Podman 4's rootless default): a user-space TCP/IP
/// stack behind a tap in the container, its ports forwarded from the host's cable address as Podman 4.3 does by default,
/// by its rootlessport proxy (slirp4netns's own port handler, <c>port_handler=slirp4netns</c>, hung under TCP_CRR here
/// and wedged the container's netserver).</summary>
public sealed class RootlessSlirpFixture(TestbedFixture run) : RootlessFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "RootlessSlirp";

    private static readonly TimeSpan FindTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Container, "Podman", "#7f7f7f",
        "the payload container of an unprivileged user the run creates (rootless Podman), on slirp4netns (local testbed only)",
        "ports Podman's rootlessport forwards from the host's cable address (netserver 12865, data port 50001 TCP and UDP, memcached 11211), as Podman 4.3 does by default",
        "a user namespace, a user-space port proxy and slirp's TCP/IP stack: rootlessport's and slirp4netns's CPU count",
        BudgetPercent: 1000, TailBudgetPercent: 3000, Resources: [ProjectUsers.Default]);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Forwarder => "slirp4netns";

    /// <inheritdoc />
    protected override string Role => "rsl";

    /// <inheritdoc />
    protected override IReadOnlyList<string> NetworkOptions(Testbed testbed) =>
    [
        "--network", "slirp4netns",
        .. TcpPorts.SelectMany(p => new[] { "--publish", $"{testbed.HostAddress}:{p}:{p}/tcp" }),
        "--publish", $"{testbed.HostAddress}:{DockerNatFixture.NetperfDataPort}:{DockerNatFixture.NetperfDataPort}/udp",
    ];

    /// <inheritdoc />
    // Podman starts slirp4netns itself, with the container's network namespace path (its SandboxKey) on the command line.
    protected override async Task<int> ForwarderAsync(Podman podman, int containerPid, Testbed testbed, CancellationToken cancellationToken)
    {
        var sandbox = await podman.InspectAsync(ContainerName, "{{.NetworkSettings.SandboxKey}}", cancellationToken);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < FindTimeout)
        {
            foreach (var pid in UserProcesses.Of(uid => uid == podman.User.Uid))
            {
                if (ProcessIdentity.CommandLine(pid) is [var program, ..] arguments && Path.GetFileName(program) == Forwarder && arguments.Contains(sandbox))
                {
                    return pid;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"No slirp4netns process of {podman.User.Name} serves {sandbox} (container {ContainerName}).");
    }
}
