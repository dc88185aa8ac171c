using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, QEMU's userspace virtio-net, offload on (thesis technique 2).</summary>
public sealed class LinuxVirtioOffloadFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVirtioOffload";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Guest, "QEMU", "#17becf",
        "the same guest with the virtio-net offloads on",
        "as LinuxVirtio",
        "the guest's path with large segments and checksums left to the host: what offload saves",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lvo";

    /// <inheritdoc />
    protected override bool Vhost => false;

    /// <inheritdoc />
    protected override bool Offload => true;
}
