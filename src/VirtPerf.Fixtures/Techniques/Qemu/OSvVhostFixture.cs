using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>OSv guest, vhost-net, offload on (thesis technique 6).</summary>
public sealed class OSvVhostFixture(TestbedFixture run) : OSvFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "OSvVhost";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Unikernel, "QEMU", "#e377c2",
        "the OSv guest on vhost-net",
        "as LinuxVirtio",
        "the unikernel with the device's data plane in the host kernel",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "oh";

    /// <inheritdoc />
    protected override bool Vhost => true;
}
