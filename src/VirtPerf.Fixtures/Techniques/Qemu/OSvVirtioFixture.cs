using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>OSv guest, QEMU's userspace virtio-net, offload on (thesis technique 3).</summary>
public sealed class OSvVirtioFixture(TestbedFixture run) : OSvFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "OSvVirtio";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Unikernel, "QEMU", "#9467bd",
        "an OSv unikernel from an image you build ([OSv images](#osv-images); VIRTPERF_OSV_IMAGE, VIRTPERF_OSV_LOADER), netserver and memcached in one image, userspace virtio-net, offload on",
        "as LinuxVirtio",
        "a unikernel's single address space instead of a Linux guest, on the same device",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "ov";

    /// <inheritdoc />
    protected override bool Vhost => false;
}
