using System.Net;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// A hypervisor technique (thesis techniques 1 to 6): a QEMU guest with one virtio-net NIC on a tap, on a bridge
/// behind the SUT host; userspace virtio-net or vhost-net, offload on or off, a Linux or an OSv guest. On a remote SUT
/// host QEMU runs there (started and recorded through <see cref="SutHost.Start"/>) from copies of the images this
/// machine builds (<see cref="SutHost.CachedCopyAsync"/>), and this machine routes the guest's network via the SUT address.
/// Once the guest is up, its QEMU is watched: when it exits other than by our stop, <see cref="TechniqueFixture.Lost"/>
/// fires with QEMU's exit status and the console's last lines.
/// </summary>
public abstract class QemuFixture(TestbedFixture run) : TechniqueFixture(run)
{
    private GuestNetwork? _network;
    private NicForwarder? _forwarder;
    private QemuGuest? _guest;
    private QemuMachine? _machine;
    private Task _watch = Task.CompletedTask;
    private string _where = "";

    /// <summary>From QEMU's start to the guest's servers answering; set once started.</summary>
    public TimeSpan? BootToReady => _guest?.BootToReady;

    /// <summary>The guest's offload features as it reports them (<c>ethtool -k eth0</c>), top-level lines only.</summary>
    public virtual string OffloadState => _guest is null
        ? ""
        : string.Join("; ", _guest.OffloadState.Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l.Contains(": ", StringComparison.Ordinal)).Select(l => l.Trim()));

    /// <inheritdoc />
    public override SutHostCpuCounter? SutHostCpu => _guest is null
        ? null
        : new(() => _guest.CpuSeconds() + (_forwarder?.CpuSeconds() ?? 0), Run.Testbed!.Sut.Facts.Cores);

    /// <inheritdoc />
    public override string? CostFollowsHostLoad => _machine?.Accelerator == "tcg"
        ? "a TCG guest emulates every instruction on the host's CPUs, and each request crosses several of QEMU's threads, "
            + "so its cost follows the CPU other work leaves it (README \"The gate: paired verdicts\")"
        : null;

    /// <summary>The offload properties of the guest's NIC as QEMU's command line sets them (QEMU's defaults: on).</summary>
    public string NicOffload => _machine is null ? "" : QemuCommand.NicOffload(_machine);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["accelerator"] = _machine?.Accelerator ?? "",
        ["qemuHost"] = _where,
        ["vcpus"] = _machine?.Vcpus.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["memoryMiB"] = _machine?.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["nic"] = Vhost ? "virtio-net, vhost-net" : "virtio-net, QEMU userspace" + (_forwarder is null ? "" : $", {_forwarder.Description}"),
        ["nicOffload"] = NicOffload,
        ["offload"] = OffloadState,
    };

    /// <summary>Two or three letters naming this technique's bridge, tap and rules.</summary>
    protected abstract string Role { get; }

    /// <summary>vhost-net rather than QEMU's userspace virtio-net backend.</summary>
    protected abstract bool Vhost { get; }

    /// <summary>Whether the NIC advertises offload features.</summary>
    protected abstract bool Offload { get; }

    /// <summary>The guest's servers, which must all answer before it counts as up: netserver's and memcached's ports,
    /// null for one it does not run. Read after <see cref="BootAsync"/>.</summary>
    protected virtual (int? Netserver, int? Memcached) Servers => (Netserver.DefaultPort, MemcachedServer.DefaultPort);

    /// <summary>What the guest's console prints once its servers listen, or null for a guest that says nothing (OSv):
    /// waited for besides the ports, which a forwarder accepts on the host before the guest listens.</summary>
    protected virtual string? ReadyMarker => null;

    /// <summary>Whether netserver in the guest can measure the guest's CPU (netperf's <c>-C</c>).</summary>
    protected virtual bool ReportsCpu => true;

    /// <summary>The guest the accelerator probe boots: this technique's own.</summary>
    protected abstract AcceleratorProbe Probe { get; }

    /// <summary>What the guest boots, given its address and gateway (and eth0's MTU when not 1500); throws
    /// <see cref="TechniqueUnavailableException"/> when it cannot be had here.</summary>
    protected abstract Task<GuestBoot> BootAsync(IPAddress address, IPAddress gateway, int? mtu, CancellationToken cancellationToken);

    /// <summary>The forwarder the NIC is behind, started on the SUT host, or null for the study's tap on a bridge.</summary>
    protected virtual Task<NicForwarder?> ForwarderAsync(Testbed testbed, CancellationToken cancellationToken) =>
        Task.FromResult<NicForwarder?>(null);

    /// <inheritdoc />
    protected override async Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken)
    {
        var host = testbed.Sut;
        _where = host.Description;
        if (!await host.IsInstalledAsync(QemuCommand.Executable, cancellationToken))
        {
            throw new TechniqueUnavailableException(
                $"{QemuCommand.Executable} is not installed on {host.Description}: run scripts/setup.sh"
                + (host is LocalSutHost ? "." : " there (or install Debian's qemu-system-x86 package)."));
        }

        if (Vhost && !await host.ExistsAsync("/dev/vhost-net", cancellationToken))
        {
            throw new TechniqueUnavailableException(
                $"no /dev/vhost-net on {host.Description}: its kernel has no vhost-net (CONFIG_VHOST_NET), or its module is not loaded (modprobe vhost_net).");
        }

        if (host is not LocalSutHost && (await host.ReadFileAsync("/proc/sys/net/ipv4/ip_forward", cancellationToken)).Trim() != "1")
        {
            throw new TechniqueUnavailableException(
                $"IPv4 forwarding is off on {host.Description} (net.ipv4.ip_forward=0), so the client cannot reach the guest: sysctl -w net.ipv4.ip_forward=1 there.");
        }

        var accelerator = await Accelerators.ChooseAsync(host, Probe, Run.RunId, Run.Registry, cancellationToken);
        _forwarder = await ForwarderAsync(testbed, cancellationToken);
        if (_forwarder is null)
        {
            using (await Run.Registry.LockAsync(cancellationToken))
            {
                // The subnet is taken once its bridge exists on the SUT host and, on a remote testbed, its route here.
                _network = await GuestNetwork.CreateAsync(Run.RunId, Role, testbed, cancellationToken);
                await RouteFromClientAsync(testbed, RouteName, _network.Network, _network.GuestAddress, cancellationToken);
            }
        }

        var (guestAddress, gateway) = _network is null ? (NicForwarder.GuestAddress, NicForwarder.Gateway) : (_network.GuestAddress, _network.Gateway);
        var reached = _network is null ? testbed.HostAddress : _network.GuestAddress;

        _machine = new QemuMachine
        {
            Accelerator = accelerator,
            Vcpus = GuestVcpus,
            MemoryMiB = Setting("VIRTPERF_GUEST_MEMORY_MIB", QemuMachine.DefaultMemoryMiB),
            Tap = _network?.Tap,
            Netdev = _forwarder?.Netdev,
            Mac = $"52:54:00:{Run.RunId[..2]}:{Run.RunId[2..4]}:{Run.RunId[4..]}",
            Vhost = Vhost,
            Offload = Offload,
            ConsoleLog = await host.ProcessFileAsync(Run.RunId, ProcessRole, "console", Run.Registry, cancellationToken),
            Boot = await OnHostAsync(host, await BootAsync(guestAddress, gateway, _forwarder?.Mtu, cancellationToken), cancellationToken),
        };
        var (netserver, memcached) = Servers;
        _guest = await QemuGuest.StartAsync(
            host, _machine, reached, new[] { netserver, memcached }.OfType<int>().ToList(),
            TimeSpan.FromSeconds(accelerator == "kvm" ? 60 : 180), Run.RunId, ProcessRole, Run.Registry, cancellationToken,
            readyMarker: ReadyMarker);
        _watch = WatchAsync(_guest);
        Run.Log($"{Technique}: {accelerator} on {host.Description} (QEMU pid {_guest.ProcessId} there), {_machine.Vcpus} vCPUs, "
            + $"guest {guestAddress}{(_forwarder is null ? "" : $" behind {_forwarder.Description} at {reached}")} ready in {_guest.BootToReady.TotalSeconds:0.0} s; offload: {OffloadState}");
        return new SutEndpoint(reached, netserver, memcached, _forwarder is null ? null : NicForwarder.NetperfDataPort, ReportsCpu: ReportsCpu);
    }

    /// <summary>The virtual CPUs a guest gets: <c>VIRTPERF_GUEST_VCPUS</c>, else <see cref="QemuMachine.DefaultVcpus"/>.</summary>
    protected static int GuestVcpus => Setting("VIRTPERF_GUEST_VCPUS", QemuMachine.DefaultVcpus);

    /// <summary>Signals <see cref="TechniqueFixture.Lost"/> as soon as QEMU exits other than by our stop.</summary>
    private async Task WatchAsync(QemuGuest guest)
    {
        if (await guest.ExitedAsync() is { } reason)
        {
            SignalLost(reason);
        }
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        if (_guest is not null)
        {
            await _guest.DisposeAsync();
            await _watch; // ends with QEMU, as a stop on purpose
        }

        if (_forwarder is not null)
        {
            await _forwarder.DisposeAsync();
        }

        await ClientRoutes.Default.RemoveAsync(RouteName, CancellationToken.None);
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }

    private string ProcessRole => Role + "q";

    private string RouteName => ResourceNames.For(Run.RunId, Role + "r");

    /// <summary><paramref name="boot"/> with its files replaced by the SUT host's copies.</summary>
    private static async Task<GuestBoot> OnHostAsync(SutHost host, GuestBoot boot, CancellationToken cancellationToken) => boot switch
    {
        LinuxBoot linux => linux with { Image = await linux.Image.OnAsync(host, cancellationToken) },
        OSvBoot osv => osv with
        {
            Image = await host.CachedCopyAsync(osv.Image, cancellationToken), Loader = await host.CachedCopyAsync(osv.Loader, cancellationToken),
        },
        _ => boot,
    };

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name}='{text}' is not a whole number of at least 1.")
            : fallback;
}
