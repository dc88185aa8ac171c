using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// An OSv unikernel guest, from an image the user builds with OSv's own tools; nothing of OSv is in this repository.
/// <c>VIRTPERF_OSV_IMAGE</c> names the disk image, <c>VIRTPERF_OSV_LOADER</c> the loader, which lets the framework
/// set the command line (network, then <c>VIRTPERF_OSV_COMMAND</c>, by default netserver in the foreground).
/// OSv runs one application, so an OSv SUT serves one suite: netserver by default; for the memcached suite, an image
/// built from memcached and a <c>VIRTPERF_OSV_COMMAND</c> of <see cref="MemcachedCommand"/>. The guest counts as up
/// when that application's port answers; the other suite's rows skip.
/// </summary>
public abstract class OSvFixture(Testbeds.TestbedFixture run) : QemuFixture(run)
{
    /// <summary>The application OSv runs unless <c>VIRTPERF_OSV_COMMAND</c> says otherwise (netserver must not fork).</summary>
    public const string DefaultCommand = "/netserver -D -4 -f";

    private string _command = DefaultCommand;

    /// <summary>The OSv command for memcached with the study's settings, as every other SUT runs it. With <c>-u root</c>:
    /// OSv reports uid 0, which memcached refuses without <c>-u</c>, and resolves every user name to it (OSv's
    /// libc/user.cc).</summary>
    public static string MemcachedCommand =>
        string.Join(' ', MemcachedServer.Arguments(QemuMachine.DefaultVcpus, user: "root").Prepend("/memcached"));

    /// <inheritdoc />
    protected override bool Offload => true; // the study ran OSv with offload on (thesis Table 7)

    /// <summary>The port of the one application OSv runs: memcached's when the command runs /memcached, else netserver's.</summary>
    protected override IReadOnlyList<int> ReadyPorts =>
        _command.StartsWith("/memcached ", StringComparison.Ordinal) ? [MemcachedServer.DefaultPort] : [Netserver.DefaultPort];

    /// <inheritdoc />
    protected override Task<GuestBoot> BootAsync(GuestNetwork network, CancellationToken cancellationToken)
    {
        var image = Environment.GetEnvironmentVariable("VIRTPERF_OSV_IMAGE");
        var loader = Environment.GetEnvironmentVariable("VIRTPERF_OSV_LOADER");
        if (!File.Exists(image) || !File.Exists(loader))
        {
            throw new TechniqueUnavailableException(
                "no OSv image: build one with OSv's own tools (in an OSv checkout: scripts/manifest_from_host.sh /usr/bin/netserver, "
                + "then scripts/build image=...), and set VIRTPERF_OSV_IMAGE to build/release/usr.img and VIRTPERF_OSV_LOADER "
                + $"to build/release/loader-stripped.elf (now: '{image}', '{loader}'). OSv runs one application: for the "
                + $"memcached suite, build the image from /usr/bin/memcached and set VIRTPERF_OSV_COMMAND='{MemcachedCommand}'.");
        }

        _command = Environment.GetEnvironmentVariable("VIRTPERF_OSV_COMMAND") is { Length: > 0 } c ? c : DefaultCommand;
        return Task.FromResult<GuestBoot>(new OSvBoot(
            image!, loader!, $"--rootfs=rofs --ip=eth0,{network.GuestAddress},255.255.255.0 --defaultgw={network.Gateway} {_command}"));
    }
}
