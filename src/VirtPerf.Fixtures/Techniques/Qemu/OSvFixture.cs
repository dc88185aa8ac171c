using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// An OSv unikernel guest, from an image the user builds with OSv's own tools; nothing of OSv is in this repository.
/// <c>VIRTPERF_OSV_IMAGE</c> names the disk image, <c>VIRTPERF_OSV_LOADER</c> the loader, which lets the framework
/// set the command line: the network, then <c>VIRTPERF_OSV_COMMAND</c>, by default <see cref="DefaultCommand"/>
/// (netserver in the background, then memcached: one image serves both suites). The guest counts as up when every
/// server its command runs answers; a suite whose server it does not run skips. OSv finds its root file system
/// itself (rofs, virtio-fs, ext, then ZFS); an option such as <c>--rootfs=zfs</c> in front of the command forces one.
/// </summary>
public abstract class OSvFixture(Testbeds.TestbedFixture run) : QemuFixture(run)
{
    /// <summary>What OSv prints on its console once it has booted and is about to run the command (OSv's loader.cc).</summary>
    public const string BootedMarker = "Cmdline: ";

    private OSvCommand? _command;

    /// <summary>
    /// The programs OSv runs unless <c>VIRTPERF_OSV_COMMAND</c> says otherwise: netserver (which must not fork: <c>-D
    /// -f</c>) in the background, then memcached with the study's settings as every other SUT runs it, one thread per
    /// vCPU. netserver comes first: the two share OSv's getopt state, and memcached first leaves netserver unable to
    /// start. With <c>-u root</c>: OSv reports uid 0, which memcached refuses without <c>-u</c>, and resolves every
    /// user name to it (OSv's libc/user.cc).
    /// </summary>
    public static string DefaultCommand(int vcpus) =>
        $"{OSvProgram.NetserverPath} -D -4 -f & "
        + string.Join(' ', MemcachedServer.Arguments(vcpus, user: "root").Prepend(OSvProgram.MemcachedPath));

    /// <summary>The offload state: OSv has no ethtool to report the guest's, so what QEMU's NIC offers it.</summary>
    public override string OffloadState =>
        NicOffload.Length == 0 ? "" : $"not reported by the guest (OSv has no ethtool); its NIC offers {NicOffload}";

    /// <inheritdoc />
    protected override bool Offload => true; // the study ran OSv with offload on (thesis Table 7)

    /// <summary>The servers the command runs, on their ports.</summary>
    protected override (int? Netserver, int? Memcached) Servers => (_command?.NetserverPort, _command?.MemcachedPort);

    /// <summary>OSv has no /proc/stat (only /proc/self/stat): netserver exits when netperf asks for the SUT's CPU.</summary>
    protected override bool ReportsCpu => false;

    /// <summary>The probe boots the user's image with a program that does not exist: OSv boots, prints
    /// <see cref="BootedMarker"/>, fails to load it and powers off; nothing is built.</summary>
    protected override AcceleratorProbe Probe { get; } = new(
        "osv",
        BootedMarker,
        async (host, cancellationToken) =>
        {
            var (image, loader) = Files();
            return new OSvBoot(
                await host.CachedCopyAsync(image, cancellationToken), await host.CachedCopyAsync(loader, cancellationToken), "/vnp-accelerator-probe");
        });

    /// <summary>The command <paramref name="setting"/> (<c>VIRTPERF_OSV_COMMAND</c>) gives, <see cref="DefaultCommand"/> for
    /// <paramref name="vcpus"/> when it is unset; throws an <see cref="ArgumentException"/> naming the variable and the fix
    /// when it cannot be read or runs neither server.</summary>
    public static OSvCommand Command(string? setting, int vcpus)
    {
        var text = setting is { Length: > 0 } ? setting : DefaultCommand(vcpus);
        OSvCommand command;
        try
        {
            command = OSvCommand.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(
                $"VIRTPERF_OSV_COMMAND='{text}' is not an OSv command line: {e.Message} Give OSv's options, then programs separated by "
                + $"'&' (background) or ';', e.g. '{DefaultCommand(vcpus)}', or unset it for that default.", e);
        }

        return command.NetserverPort is not null || command.MemcachedPort is not null
            ? command
            : throw new ArgumentException(
                $"VIRTPERF_OSV_COMMAND='{text}' runs neither {OSvProgram.NetserverPath} nor {OSvProgram.MemcachedPath}, so no row could "
                + $"reach the guest: run at least one of them, e.g. '{DefaultCommand(vcpus)}', or unset it for that default.");
    }

    /// <inheritdoc />
    protected override Task<GuestBoot> BootAsync(System.Net.IPAddress address, System.Net.IPAddress gateway, int? mtu, CancellationToken cancellationToken)
    {
        var (image, loader) = Files();
        _command = Command(Environment.GetEnvironmentVariable("VIRTPERF_OSV_COMMAND"), GuestVcpus);
        return Task.FromResult<GuestBoot>(new OSvBoot(
            image, loader, $"--ip=eth0,{address},255.255.255.0 --defaultgw={gateway} {_command.Text}"));
    }

    /// <summary>The image and loader the user pointed to, or why the technique cannot run.</summary>
    private static (string Image, string Loader) Files()
    {
        var image = Environment.GetEnvironmentVariable("VIRTPERF_OSV_IMAGE");
        var loader = Environment.GetEnvironmentVariable("VIRTPERF_OSV_LOADER");
        return File.Exists(image) && File.Exists(loader)
            ? (image, loader)
            : throw new TechniqueUnavailableException(
                $"no OSv image (VIRTPERF_OSV_IMAGE='{image}', VIRTPERF_OSV_LOADER='{loader}'): build one with OSv's own tools "
                + "holding /usr/bin/netserver as /netserver and /usr/bin/memcached as /memcached, and point VIRTPERF_OSV_IMAGE to its "
                + "disk image (build/release/usr.img) and VIRTPERF_OSV_LOADER to its loader (build/release/loader-stripped.elf). "
                + "What an image needs, and where OSv documents building one: README, \"OSv images\".");
    }
}
