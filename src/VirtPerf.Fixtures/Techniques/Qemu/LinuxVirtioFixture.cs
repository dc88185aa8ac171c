using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, QEMU's userspace virtio-net, offload off (thesis technique 1).</summary>
public sealed class LinuxVirtioFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVirtio";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Guest, "QEMU", "#1f77b4",
        "a Linux guest (Debian's cloud kernel, an initramfs with the host's own binaries) on QEMU's userspace virtio-net, offload off",
        "the guest on a tap on a project bridge in 198.18.M.0/24, routed through the host",
        "a full guest's network path with every packet through QEMU's device model, segmented and checksummed in software",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lv";

    /// <inheritdoc />
    protected override bool Vhost => false;

    /// <inheritdoc />
    protected override bool Offload => false;
}
