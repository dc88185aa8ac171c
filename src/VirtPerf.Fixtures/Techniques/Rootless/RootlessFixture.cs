using System.Diagnostics;
using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>
/// A rootless container technique: the payload image (<see cref="PayloadImage"/>'s rootfs) in a Podman container of
/// an unprivileged user the run creates and removes (<see cref="RootlessUser"/>, <see cref="ProjectUsers"/>), its
/// servers reached through a user-space forwarder that subclasses start (slirp4netns, pasta) on ports of the host's
/// cable address. The forwarder's CPU is the technique's cost, so it counts as SUT host CPU beside the container's.
/// Local testbed only for now.
/// </summary>
public abstract class RootlessFixture(TestbedFixture run) : TechniqueFixture(run)
{
    /// <summary>The ports forwarded into the container: netserver's control port, the fixed netperf data port (TCP and
    /// UDP) and memcached's.</summary>
    public static IReadOnlyList<int> TcpPorts { get; } = [Netserver.DefaultPort, DockerNatFixture.NetperfDataPort, MemcachedServer.DefaultPort];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Podman? _podman;
    private bool _userMade;
    private int _forwarder;

    /// <summary>The project user running the container; set once created.</summary>
    public RootlessUser? User => _podman?.User;

    /// <summary>The forwarder's process id (slirp4netns, pasta), once started.</summary>
    public int? ForwarderPid => _forwarder > 0 ? _forwarder : null;

    /// <summary>From the user's creation to both servers answering through the forwarder, the image build included.</summary>
    public TimeSpan? StartToReady { get; private set; }

    /// <summary>Everything the project user runs and what it started: conmon and the container under it, the forwarder,
    /// Podman's rootlessport proxy where it forwards the ports, the pause process.</summary>
    public override SutHostCpuCounter? SutHostCpu => _forwarder > 0 && User is { } user
        ? new(() => ProcessTreeCpu.Seconds(UserProcesses.Of(uid => uid == user.Uid)), Run.Testbed!.Sut.Facts.Cores)
        : null;

    /// <inheritdoc />
    public override double CpuOutsideTestProcess() => SutHostCpu?.Seconds() ?? 0;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["user"] = UserName,
        ["container"] = ContainerName,
        ["forwarder"] = _forwarder > 0 ? $"{Forwarder} (pid {_forwarder.ToString(CultureInfo.InvariantCulture)})" : Forwarder,
    };

    /// <summary>The forwarder program, which must be installed (<c>slirp4netns</c>, <c>pasta</c>).</summary>
    protected abstract string Forwarder { get; }

    /// <summary>Up to three letters naming this technique's user and container.</summary>
    protected abstract string Role { get; }

    /// <summary>The project user's name.</summary>
    protected string UserName => ResourceNames.For(Run.RunId, Role);

    /// <summary>The container's name.</summary>
    protected string ContainerName => ResourceNames.For(Run.RunId, Role + "c");

    /// <summary>The <c>podman run</c> options that network the container on <paramref name="testbed"/>.</summary>
    protected abstract IReadOnlyList<string> NetworkOptions(Testbed testbed);

    /// <summary>Starts or finds the forwarder once the container runs (its first process is <paramref name="containerPid"/>);
    /// returns the forwarder's pid.</summary>
    protected abstract Task<int> ForwarderAsync(Podman podman, int containerPid, Testbed testbed, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable(testbed);
        var clock = Stopwatch.StartNew();
        var context = await PayloadImage.ContextAsync();
        _userMade = true;
        var user = await RootlessUser.CreateAsync(UserName, cancellationToken);
        var podman = _podman = new Podman(user);

        // The user's own copy: Podman reads the context as the user, whatever the cache's modes.
        var copy = Path.Combine(user.Home, "payload");
        await Tool.RunAsync("cp", ["-R", context, copy], cancellationToken);
        await Tool.RunAsync("chown", ["-R", $"{user.Name}:{user.Name}", copy], cancellationToken);
        var image = $"localhost/{ResourceNames.For(Run.RunId, "pl")}";
        await podman.RunAsync(["build", "--quiet", "--tag", image, "--file", Path.Combine(copy, "Dockerfile"), copy], cancellationToken);

        // busybox sh starts memcached in the background, then becomes netserver; -f keeps netserver from forking per
        // test, so its work stays in its own (counted) CPU time.
        var command = $"{MemcachedServer.ShellCommand(testbed.Sut.Facts.Cores)} & exec /usr/bin/netserver -D -f -4 -p {Netserver.DefaultPort}";
        await podman.RunAsync(
            ["run", "--detach", "--name", ContainerName, "--user", DockerFixture.Unprivileged, .. NetworkOptions(testbed), image, "/bin/busybox", "sh", "-c", command],
            cancellationToken);
        var containerPid = int.Parse(await podman.InspectAsync(ContainerName, "{{.State.Pid}}", cancellationToken), CultureInfo.InvariantCulture);
        _forwarder = await ForwarderAsync(podman, containerPid, testbed, cancellationToken);
        await WaitUntilServingAsync(podman, containerPid, testbed, cancellationToken);
        StartToReady = clock.Elapsed;
        Run.Log($"{Technique}: user {user.Name} (uid {user.Uid}), container {ContainerName}, {Forwarder} pid {_forwarder}, ready in {StartToReady.Value.TotalSeconds:0.00} s");
        return new SutEndpoint(testbed.HostAddress, Netserver.DefaultPort, MemcachedServer.DefaultPort, DockerNatFixture.NetperfDataPort);
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        if (_userMade)
        {
            await ProjectUsers.Default.RemoveAsync(UserName, CancellationToken.None);
        }
    }

    private void ThrowIfUnavailable(Testbed testbed)
    {
        if (testbed is not LocalTestbed)
        {
            throw new TechniqueUnavailableException(
                $"{Technique} creates a user and a rootless container on the SUT host; that runs on the local testbed only for now (the remote SUT host is not driven for it yet).");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new TechniqueUnavailableException($"{Technique} creates and removes an unprivileged user for its rootless container: run as root.");
        }

        var missing = new[] { "podman", Forwarder, "newuidmap", "newgidmap", "setfacl", "getfacl", "useradd", "userdel", "runuser" }
            .Where(tool => !Tool.IsInstalled(tool)).ToList();
        if (missing.Count > 0)
        {
            throw new TechniqueUnavailableException(
                $"{Technique} needs {string.Join(", ", missing)}: run scripts/setup.sh (it installs podman, slirp4netns, passt, uidmap and acl).");
        }

        if (!File.Exists(RootlessUser.TunDevice))
        {
            throw new TechniqueUnavailableException($"{Technique}'s forwarder needs {RootlessUser.TunDevice}: load the tun module (modprobe tun).");
        }
    }

    // The forwarder accepts connections before the servers behind it listen, so first the container's own namespace
    // must list both servers, then the forwarded ports must accept on the cable address.
    private async Task WaitUntilServingAsync(Podman podman, int containerPid, Testbed testbed, CancellationToken cancellationToken)
    {
        async Task<Exception> Problem(string message)
        {
            var logs = await podman.RunAsync(["logs", ContainerName], CancellationToken.None, allowFailure: true);
            return new InvalidOperationException($"{message}\n  container: {ContainerName} of {podman.User.Name}\n{logs.Transcript}");
        }

        var clock = Stopwatch.StartNew();
        while (!ListeningPorts.Of(containerPid).IsSupersetOf([Netserver.DefaultPort, MemcachedServer.DefaultPort]))
        {
            if (ProcessIdentity.Of(containerPid) is null || clock.Elapsed > StartTimeout)
            {
                throw await Problem($"netserver and memcached did not listen in the container within {StartTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }

        await Ports.WaitUntilOpenAsync(
            testbed.HostAddress, [Netserver.DefaultPort, MemcachedServer.DefaultPort], TimeSpan.FromSeconds(Math.Max(1, (StartTimeout - clock.Elapsed).TotalSeconds)),
            () => ProcessIdentity.Of(containerPid) is null || ProcessIdentity.Of(_forwarder) is null, Problem, cancellationToken);
    }
}
