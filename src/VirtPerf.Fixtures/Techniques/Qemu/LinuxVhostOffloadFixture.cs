using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Linux guest, vhost-net, offload on (thesis technique 5).</summary>
public sealed class LinuxVhostOffloadFixture(TestbedFixture run) : LinuxGuestFixture(run)
{
    /// <summary>The technique's trait value.</summary>
    public const string Name = "LinuxVhostOffload";

    /// <summary>What the rest of the framework knows of this technique (<see cref="TechniqueCatalog"/>).</summary>
    public static TechniqueDescription Description { get; } = new(
        Name, TechniqueKind.Guest, "QEMU", "#8c564b",
        "the same on vhost-net with offloads on",
        "as LinuxVirtio",
        "the study's best-tuned Linux guest",
        BudgetPercent: 30000, TailBudgetPercent: 100000);

    /// <inheritdoc />
    public override string Technique => Name;

    /// <inheritdoc />
    protected override string Role => "lho";

    /// <inheritdoc />
    protected override bool Vhost => true;

    /// <inheritdoc />
    protected override bool Offload => true;
}
