namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// An OSv unikernel guest, from an image the user builds with OSv's own tools; nothing of OSv is in this repository.
/// <c>VIRTPERF_OSV_IMAGE</c> names the disk image, <c>VIRTPERF_OSV_LOADER</c> the loader, which lets the framework
/// set the command line (network, then <c>VIRTPERF_OSV_COMMAND</c>, by default netserver in the foreground).
/// </summary>
public abstract class OSvFixture(Testbeds.TestbedFixture run) : QemuFixture(run)
{
    /// <summary>The application OSv runs unless <c>VIRTPERF_OSV_COMMAND</c> says otherwise (netserver must not fork).</summary>
    public const string DefaultCommand = "/netserver -D -4 -f";

    /// <inheritdoc />
    protected override bool Offload => true; // the study ran OSv with offload on (thesis Table 7)

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
                + $"to build/release/loader-stripped.elf (now: '{image}', '{loader}').");
        }

        var command = Environment.GetEnvironmentVariable("VIRTPERF_OSV_COMMAND") is { Length: > 0 } c ? c : DefaultCommand;
        return Task.FromResult<GuestBoot>(new OSvBoot(
            image!, loader!, $"--rootfs=rofs --ip=eth0,{network.GuestAddress},255.255.255.0 --defaultgw={network.Gateway} {command}"));
    }
}
