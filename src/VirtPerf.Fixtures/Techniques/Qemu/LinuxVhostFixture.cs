using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, vhost-net, offload off (thesis technique 4).</summary>
public sealed class LinuxVhostFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVhost";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Guest, "QEMU", "#2ca02c",
        "the Linux guest on vhost-net (the device in the host kernel), offload off; skipped without /dev/vhost-net",
        "as LinuxVirtio",
        "a guest's path with the device's data plane in the host kernel",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lh";

    /// <inheritdoc />
    protected override bool Vhost => true;

    /// <inheritdoc />
    protected override bool Offload => false;
}
