using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Techniques;

/// <summary>
/// What everything outside a technique's folder needs to know of it: its trait value, what kind of isolation it is and
/// which runtime family runs it, its plot colour, the words of the README's technique table, its default budgets, and
/// the kinds of host resource it creates beyond the shared ones (their cleanup). Registered once, in
/// <see cref="TechniqueCatalog"/>; the catalog's order is the plot and report order.
/// </summary>
/// <param name="Name">The trait value, e.g. <c>DockerNat</c>.</param>
/// <param name="Kind">What isolates the payload: bare metal, a guest, a unikernel, a container, a sandbox.</param>
/// <param name="Family">What runs it: the host, QEMU, Docker, gVisor, Podman.</param>
/// <param name="Colour">Its colour in plots, as <c>#rrggbb</c>.</param>
/// <param name="Sut">What the SUT is, in a sentence of the README's table.</param>
/// <param name="Reach">What the client reaches.</param>
/// <param name="Meaning">What its overhead against bare metal measures.</param>
/// <param name="BudgetPercent">Its budget for every gated metric where budgets.json has no rule naming it, or null
/// for the file's default.</param>
/// <param name="TailBudgetPercent">Its budget for LatencyP99 likewise.</param>
/// <param name="Resources">The kinds of host resource only this technique creates, removed by every run's cleanup
/// (before the shared kinds).</param>
public sealed record TechniqueDescription(
    string Name, TechniqueKind Kind, string Family, string Colour, string Sut, string Reach, string Meaning,
    double? BudgetPercent = null, double? TailBudgetPercent = null, IReadOnlyList<IHostResources>? Resources = null);

/// <summary>What isolates a technique's payload from the host.</summary>
public enum TechniqueKind
{
    /// <summary>Nothing: the yardstick.</summary>
    BareMetal,

    /// <summary>A full guest OS under a hypervisor.</summary>
    Guest,

    /// <summary>A unikernel under a hypervisor.</summary>
    Unikernel,

    /// <summary>A container on the host's kernel.</summary>
    Container,

    /// <summary>A container whose system calls a user-space kernel serves (gVisor).</summary>
    Sandbox,
}
