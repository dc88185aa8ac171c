namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>A Linux guest: Debian's cloud kernel and an initramfs with the host's own netserver and memcached.</summary>
public abstract class LinuxGuestFixture(Testbeds.TestbedFixture run) : QemuFixture(run)
{
    /// <inheritdoc />
    protected override AcceleratorProbe Probe { get; } = new(
        "linux",
        GuestInit.ReadyMarker,
        async (host, cancellationToken) => new LinuxBoot(
            await (await GuestImage.LinuxAsync(cancellationToken)).OnAsync(host, cancellationToken), "198.18.255.2/24", "198.18.255.1"));

    /// <inheritdoc />
    protected override string ReadyMarker => GuestInit.ReadyMarker;

    /// <inheritdoc />
    protected override async Task<GuestBoot> BootAsync(System.Net.IPAddress address, System.Net.IPAddress gateway, int? mtu, CancellationToken cancellationToken) =>
        new LinuxBoot(await GuestImage.LinuxAsync(cancellationToken), $"{address}/24", gateway.ToString(), mtu);
}
