using System.Diagnostics;
using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>
/// A container technique (thesis techniques 7 and 8): the payload image on a project Docker network in
/// 198.18.N.0/24 of the SUT host's engine, reached from the client through the SUT host. Subclasses say how the client
/// reaches it. On a remote SUT host the engine is driven over SSH (<see cref="Testbed.DockerEngineAsync"/>) and this
/// machine routes the network via the SUT address when the client must reach a container's own address.
/// </summary>
public abstract class DockerFixture(TestbedFixture run) : TechniqueFixture(run)
{
    /// <summary>The user and group the container's servers run as (nobody and nogroup, by number: the image has no
    /// /etc/passwd).</summary>
    public const string Unprivileged = "65534:65534";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private IContainer? _container;
    private ContainerCpu? _cpu;
    private string? _subnet;
    private DockerEngine? _engine;
    private IptablesRules? _firewall;

    /// <summary>The payload image this technique runs; set once started.</summary>
    public BuiltImage? Image { get; private set; }

    /// <summary>From fixture start to netserver and memcached accepting connections, the image build excluded.</summary>
    public TimeSpan? StartToReady { get; private set; }

    /// <inheritdoc />
    public override SutHostCpuCounter? SutHostCpu => _cpu is null ? null : new(_cpu.Seconds, Run.Testbed!.Sut.Facts.Cores);

    /// <inheritdoc />
    public override double CpuOutsideTestProcess() => _cpu?.Seconds() ?? 0;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["image"] = Image?.Name ?? "",
        ["dockerNetwork"] = _subnet ?? "",
        ["container"] = ContainerName,
        ["dockerEngine"] = _engine?.Where ?? "",
    };

    /// <summary>Up to three letters naming this technique's resources (network, container, firewall rules).</summary>
    protected abstract string Role { get; }

    /// <summary>Whether Docker masquerades traffic leaving the network (its default; off, as here unless a technique
    /// says otherwise, keeps the path NAT-free).</summary>
    protected virtual bool Masquerade => false;

    /// <summary>How the container is networked: a project bridge network (the default), the host's own network stack,
    /// or a macvlan network on the cable.</summary>
    protected virtual DockerNetworking Networking => DockerNetworking.Bridge;

    /// <summary>The OCI runtime dockerd runs the container with (one scripts/setup.sh registers), or null for its
    /// default (runc).</summary>
    protected virtual string? Runtime => null;

    /// <summary>Whether the client sends to the container's own address (so it needs a route to the network) rather
    /// than to the SUT host's.</summary>
    protected virtual bool ReachesContainerAddress => Networking == DockerNetworking.Bridge;

    /// <summary>The name of the Docker network (and its Linux bridge).</summary>
    protected string NetworkName => ResourceNames.For(Run.RunId, Role);

    /// <summary>The name of the container.</summary>
    protected string ContainerName => ResourceNames.For(Run.RunId, Role + "c");

    private string FirewallComment => ResourceNames.For(Run.RunId, Role + "f");

    private string RouteName => ResourceNames.For(Run.RunId, Role + "r");

    /// <summary>Adds what the technique needs to the container's definition (published ports, say).</summary>
    protected virtual ContainerBuilder Configure(ContainerBuilder container, Testbed testbed) => container;

    /// <summary>Where the client reaches netserver and memcached once the container runs at <paramref name="containerAddress"/>
    /// (null on the host's network, where they are at the host's address): by default on their own ports there.</summary>
    protected virtual SutEndpoint EndpointOf(IPAddress? containerAddress, Testbed testbed) =>
        new(containerAddress ?? testbed.HostAddress, Netserver.DefaultPort, MemcachedServer.DefaultPort);

    /// <summary>Why the technique cannot run on <paramref name="engine"/> of <paramref name="testbed"/> (with the fix),
    /// or null; asked before anything is created.</summary>
    protected virtual Task<string?> UnavailableAsync(DockerEngine engine, Testbed testbed, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>The address the servers listen on inside the container, or null for all of its addresses.</summary>
    protected virtual IPAddress? ListenAddress(Testbed testbed) => null;

    /// <inheritdoc />
    protected override async Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        var engine = _engine = await testbed.DockerEngineAsync(cancellationToken);
        if (await engine.PrepareAsync(cancellationToken) is { } reason)
        {
            throw new TechniqueUnavailableException(reason);
        }

        if (await UnavailableAsync(engine, testbed, cancellationToken) is { } unavailable)
        {
            throw new TechniqueUnavailableException(unavailable);
        }

        if (Networking == DockerNetworking.Bridge && (await testbed.Sut.ReadFileAsync("/proc/sys/net/ipv4/ip_forward", cancellationToken)).Trim() != "1")
        {
            throw new TechniqueUnavailableException(
                $"IPv4 forwarding is off on {testbed.Sut.Description} (net.ipv4.ip_forward=0), so the client cannot reach containers: start dockerd without --ip-forward=false.");
        }

        // Testcontainers' resource reaper is an image from a registry; the run's cleanup removes everything by name.
        TestcontainersSettings.ResourceReaperEnabled = false;
        Image = await PayloadImage.ForRunAsync(Run.RunId, engine);
        var clock = Stopwatch.StartNew();
        var builder = new ContainerBuilder(Image.Name)
            .WithName(ContainerName)
            .WithDockerEndpoint(engine.Endpoint)
            .WithLogger(NullLogger.Instance)
            .WithLabel(DockerResources.RunLabel, Run.RunId)
            // Unprivileged, so memcached needs no -u: -u looks the user up in /etc/passwd, which the image does not have.
            // (Testcontainers 4.14 has no WithUser; its parameter modifiers run in order, the technique's after this one.)
            .WithCreateParameterModifier(parameters =>
            {
                parameters.User = Unprivileged;
                (parameters.HostConfig ??= new HostConfig()).Runtime = Runtime;
            })
            // busybox sh starts memcached in the background with one thread per SUT host CPU (a container sees them all),
            // then becomes netserver, the main process; both stay in the foreground (no -d), so neither forks away.
            .WithEntrypoint(
                "/bin/busybox", "sh", "-c",
                $"{MemcachedServer.ShellCommand(testbed.Sut.Facts.Cores, listenAddress: ListenAddress(testbed))} & "
                + $"exec /usr/bin/netserver -D -4 -p {Netserver.DefaultPort}{(ListenAddress(testbed) is { } listen ? $" -L {listen}" : "")}")
            .WithCleanUp(false)
            // Readiness is ours (both servers accepting connections, below); Testcontainers' default waits on port
            // mappings of the shape it creates itself, which published ports bound to the cable address are not.
            .WithWaitStrategy(Wait.ForUnixContainer());
        if (Networking == DockerNetworking.Host)
        {
            builder = builder.WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new HostConfig()).NetworkMode = "host");
        }
        else
        {
            builder = builder.WithNetwork(await CreateNetworkAsync(testbed, cancellationToken));
        }

        if (Networking == DockerNetworking.Bridge)
        {
            _firewall = new IptablesRules(testbed.Sut);
            await _firewall.AcceptForwardingAsync(FirewallComment, testbed.SutLink, cancellationToken);
        }

        _container = Configure(builder, testbed).Build();
        await _container.StartAsync(cancellationToken);

        var endpoint = EndpointOf(Networking == DockerNetworking.Host ? null : IPAddress.Parse(_container.IpAddress), testbed);
        await Ports.WaitUntilOpenAsync(
            endpoint.Address, [Netserver.DefaultPort, MemcachedServer.DefaultPort], StartTimeout, () => _container.State != TestcontainersStates.Running,
            async message =>
            {
                var (stdout, stderr) = await _container.GetLogsAsync(ct: CancellationToken.None);
                return new InvalidOperationException($"{message}\n  container: {ContainerName} ({Image.Name})\n  output: {stdout}{stderr}");
            },
            cancellationToken,
            // The host cannot reach its own macvlan children: only the client's side of the cable can.
            Networking == DockerNetworking.Macvlan && testbed.ClientNamespace is { } client ? VirtPerf.Workloads.ClientHost.InNamespace(client) : null);
        _cpu = await ContainerCpu.ForAsync(engine.Cli, _container.Id, cancellationToken);
        StartToReady = clock.Elapsed;
        Run.Log($"{Technique}: image {Image.Name} (built in {Image.BuildTime.TotalSeconds:0.00} s) on {engine.Where}, "
            + $"network {NetworkName} {_subnet}, ready in {StartToReady.Value.TotalSeconds:0.00} s");
        return endpoint;
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        // The image stays for the run's other container technique; the run's end removes it.
        await ClientRoutes.Default.RemoveAsync(RouteName, CancellationToken.None);
        if (_engine is not null)
        {
            await DockerResources.ContainersOf(_engine.Cli).RemoveAsync(ContainerName, CancellationToken.None);
            await DockerResources.NetworksOf(_engine.Cli).RemoveAsync(NetworkName, CancellationToken.None);
        }

        if (_firewall is not null)
        {
            await _firewall.RemoveAsync(FirewallComment, CancellationToken.None);
        }
    }

    private async Task<DotNet.Testcontainers.Networks.INetwork> CreateNetworkAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        if (Networking == DockerNetworking.Macvlan)
        {
            return await CreateMacvlanNetworkAsync(testbed, cancellationToken);
        }

        // Under the host lock: the subnet is free until Docker creates the bridge that holds its gateway address.
        using var hostLock = await Run.Registry.LockAsync(cancellationToken);
        var n = await Subnets.FreeAsync(Subnets.SutNetworks, cancellationToken, testbed.Sut);
        _subnet = $"198.18.{n}.0/24";
        var network = NewNetwork(DotNet.Testcontainers.Configurations.NetworkDriver.Bridge, new IPAMConfig { Subnet = _subnet, Gateway = $"198.18.{n}.1" })
            .WithOption("com.docker.network.bridge.name", NetworkName)
            .WithOption("com.docker.network.bridge.enable_ip_masquerade", Masquerade ? "true" : "false")
            .Build();
        await network.CreateAsync(cancellationToken);
        if (ReachesContainerAddress)
        {
            // Under the lock too: on a remote testbed the route is what keeps this machine's other runs off the subnet.
            await RouteFromClientAsync(testbed, RouteName, IPNetwork.Parse(_subnet), IPAddress.Parse($"198.18.{n}.2"), cancellationToken);
        }

        return network;
    }

    // Straight on the cable: the host end of the cable is the macvlan parent, and the container takes an address of the
    // cable's own subnet the client reaches without a router (198.19.N.8-15: the cable uses .1 and .2 only).
    private async Task<DotNet.Testcontainers.Networks.INetwork> CreateMacvlanNetworkAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        if (testbed is not LocalTestbed local)
        {
            throw new TechniqueUnavailableException(
                $"{Technique} puts the container on the SUT host's link to the client; on a remote testbed that link is a real network this framework does not own, so it runs on the local testbed only.");
        }

        _subnet = $"198.19.{local.Subnet}.0/24";
        var network = NewNetwork(
                null,
                new IPAMConfig { Subnet = _subnet, IPRange = $"198.19.{local.Subnet}.8/29", Gateway = local.HostAddress.ToString() })
            .WithOption("parent", local.HostLink)
            .WithOption("macvlan_mode", "bridge")
            .Build();
        await network.CreateAsync(cancellationToken);
        return network;
    }

    // A null driver is macvlan, which Testcontainers 4.14's NetworkDriver does not name.
    private NetworkBuilder NewNetwork(DotNet.Testcontainers.Configurations.NetworkDriver? driver, IPAMConfig addresses) => new NetworkBuilder()
        .WithName(NetworkName)
        .WithDockerEndpoint(_engine!.Endpoint)
        .WithLogger(NullLogger.Instance)
        .WithDriver(driver ?? DotNet.Testcontainers.Configurations.NetworkDriver.Bridge)
        .WithLabel(DockerResources.RunLabel, Run.RunId)
        .WithCreateParameterModifier(p =>
        {
            p.IPAM = new IPAM { Config = [addresses] };
            p.Driver = driver is null ? "macvlan" : p.Driver;
        })
        .WithCleanUp(false);
}

/// <summary>How a container technique's container is networked.</summary>
public enum DockerNetworking
{
    /// <summary>A project bridge network in 198.18.M.0/24, routed through the host.</summary>
    Bridge,

    /// <summary>The host's own network stack (<c>--network host</c>): no virtual NIC at all.</summary>
    Host,

    /// <summary>A macvlan network whose parent is the host end of the cable: the container on the link itself.</summary>
    Macvlan,
}
