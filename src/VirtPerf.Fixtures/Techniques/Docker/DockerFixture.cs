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

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>
/// A container technique (thesis techniques 7 and 8): the payload image on a project Docker network in
/// 198.18.N.0/24, reached from the client namespace through the host. Subclasses say how the client reaches it.
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

    /// <summary>The payload image this technique runs; set once started.</summary>
    public BuiltImage? Image { get; private set; }

    /// <summary>From fixture start to netserver and memcached accepting connections, the image build excluded.</summary>
    public TimeSpan? StartToReady { get; private set; }

    /// <inheritdoc />
    public override Func<double>? SutHostCpuSeconds => _cpu is null ? null : _cpu.Seconds;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["image"] = Image?.Name ?? "",
        ["dockerNetwork"] = _subnet ?? "",
        ["container"] = ContainerName,
    };

    /// <summary>Up to three letters naming this technique's resources (network, container, firewall rules).</summary>
    protected abstract string Role { get; }

    /// <summary>Whether Docker masquerades traffic leaving the network (its default; off keeps the path NAT-free).</summary>
    protected abstract bool Masquerade { get; }

    /// <summary>The name of the Docker network (and its Linux bridge).</summary>
    protected string NetworkName => ResourceNames.For(Run.RunId, Role);

    /// <summary>The name of the container.</summary>
    protected string ContainerName => ResourceNames.For(Run.RunId, Role + "c");

    private string FirewallComment => ResourceNames.For(Run.RunId, Role + "f");

    // busybox sh starts memcached in the background with one thread per host CPU (a container sees the host's CPUs),
    // then becomes netserver, the container's main process; both stay in the foreground (no -d), so neither forks away.
    private static string EntrypointScript =>
        $"{MemcachedServer.ShellCommand(Environment.ProcessorCount)} & exec /usr/bin/netserver -D -4 -p {Netserver.DefaultPort}";

    /// <summary>Adds what the technique needs to the container's definition (published ports, say).</summary>
    protected abstract ContainerBuilder Configure(ContainerBuilder container, LocalTestbed testbed);

    /// <summary>Where the client reaches netserver and memcached once the container runs at <paramref name="containerAddress"/>.</summary>
    protected abstract SutEndpoint EndpointOf(IPAddress containerAddress, LocalTestbed testbed);

    /// <inheritdoc />
    protected override async Task<SutEndpoint> StartAsync(Testbed bed, CancellationToken cancellationToken)
    {
        var testbed = LocalOnly(bed);
        if (await DockerEngine.PrepareAsync(cancellationToken) is { } reason)
        {
            throw new TechniqueUnavailableException(reason);
        }

        if ((await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_forward", cancellationToken)).Trim() != "1")
        {
            throw new TechniqueUnavailableException(
                "IPv4 forwarding is off (net.ipv4.ip_forward=0), so the client cannot reach containers: start dockerd without --ip-forward=false.");
        }

        // Testcontainers' resource reaper is an image from a registry; the run's cleanup removes everything by name.
        TestcontainersSettings.ResourceReaperEnabled = false;
        Image = await PayloadImage.ForRunAsync(Run.RunId);
        var clock = Stopwatch.StartNew();
        var network = await CreateNetworkAsync(cancellationToken);
        await IptablesRules.AcceptForwardingAsync(FirewallComment, testbed.HostLink, cancellationToken);

        var builder = new ContainerBuilder(Image.Name)
            .WithName(ContainerName)
            .WithLogger(NullLogger.Instance)
            .WithNetwork(network)
            .WithLabel(DockerResources.RunLabel, Run.RunId)
            // Unprivileged, so memcached needs no -u: -u looks the user up in /etc/passwd, which the image does not have.
            // (Testcontainers 4.14 has no WithUser; its parameter modifiers run in order, the technique's after this one.)
            .WithCreateParameterModifier(parameters => parameters.User = Unprivileged)
            .WithEntrypoint("/bin/busybox", "sh", "-c", EntrypointScript)
            .WithCleanUp(false)
            // Readiness is ours (both servers accepting connections, below); Testcontainers' default waits on port
            // mappings of the shape it creates itself, which published ports bound to the cable address are not.
            .WithWaitStrategy(Wait.ForUnixContainer());
        _container = Configure(builder, testbed).Build();
        await _container.StartAsync(cancellationToken);

        var endpoint = EndpointOf(IPAddress.Parse(_container.IpAddress), testbed);
        await Ports.WaitUntilOpenAsync(
            endpoint.Address, [Netserver.DefaultPort, MemcachedServer.DefaultPort], StartTimeout, () => _container.State != TestcontainersStates.Running,
            async message =>
            {
                var (stdout, stderr) = await _container.GetLogsAsync(ct: CancellationToken.None);
                return new InvalidOperationException($"{message}\n  container: {ContainerName} ({Image.Name})\n  output: {stdout}{stderr}");
            },
            cancellationToken);
        _cpu = await ContainerCpu.ForAsync(_container.Id, cancellationToken);
        StartToReady = clock.Elapsed;
        Run.Log($"{Technique}: image {Image.Name} (built in {Image.BuildTime.TotalSeconds:0.00} s), "
            + $"network {NetworkName} {_subnet}, ready in {StartToReady.Value.TotalSeconds:0.00} s");
        return endpoint;
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        // The image stays for the run's other container technique; the run's end removes it.
        await DockerResources.Containers.RemoveAsync(ContainerName, CancellationToken.None);
        await DockerResources.Networks.RemoveAsync(NetworkName, CancellationToken.None);
        await IptablesRules.DockerUser.RemoveAsync(FirewallComment, CancellationToken.None);
    }

    private async Task<DotNet.Testcontainers.Networks.INetwork> CreateNetworkAsync(CancellationToken cancellationToken)
    {
        // Under the host lock: the subnet is free until Docker creates the bridge that holds its gateway address.
        using var hostLock = await Run.Registry.LockAsync(cancellationToken);
        var n = await Subnets.FreeAsync(Subnets.SutNetworks, cancellationToken);
        _subnet = $"198.18.{n}.0/24";
        var network = new NetworkBuilder()
            .WithName(NetworkName)
            .WithLogger(NullLogger.Instance)
            .WithDriver(DotNet.Testcontainers.Configurations.NetworkDriver.Bridge)
            .WithOption("com.docker.network.bridge.name", NetworkName)
            .WithOption("com.docker.network.bridge.enable_ip_masquerade", Masquerade ? "true" : "false")
            .WithLabel(DockerResources.RunLabel, Run.RunId)
            .WithCreateParameterModifier(p => p.IPAM = new IPAM
            {
                Config = [new IPAMConfig { Subnet = _subnet, Gateway = $"198.18.{n}.1" }],
            })
            .WithCleanUp(false)
            .Build();
        await network.CreateAsync(cancellationToken);
        return network;
    }
}
