using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.BareMetal;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Techniques.DockerHost;
using VirtPerf.Fixtures.Techniques.DockerMacvlan;
using VirtPerf.Fixtures.Techniques.GVisor;
using VirtPerf.Fixtures.Techniques.GVisorHostNet;
using VirtPerf.Fixtures.Techniques.LinuxPasst;
using VirtPerf.Fixtures.Techniques.LinuxUserNet;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Techniques.RootlessPasta;
using VirtPerf.Fixtures.Techniques.RootlessSlirp;

namespace VirtPerf.Fixtures.Techniques;

/// <summary>
/// Every technique, registered here once: budgets validation, reports (order, colours), results discovery, the
/// run's cleanup and the README's technique table read this list. Adding a technique is its folder, one line here and
/// one perf-tests class (a test checks the three agree).
/// </summary>
public static class TechniqueCatalog
{
    /// <summary>Every technique, bare metal first, the study's eight in thesis Table 7's order, then the others.</summary>
    public static IReadOnlyList<TechniqueDescription> All { get; } =
    [
        BareMetalFixture.Description,
        LinuxVirtioFixture.Description, LinuxVirtioOffloadFixture.Description, OSvVirtioFixture.Description,
        LinuxVhostFixture.Description, LinuxVhostOffloadFixture.Description, OSvVhostFixture.Description,
        DockerNatFixture.Description, DockerBridgeFixture.Description,
        DockerHostFixture.Description, DockerMacvlanFixture.Description,
        GVisorFixture.Description, GVisorHostNetFixture.Description,
        LinuxUserNetFixture.Description, LinuxPasstFixture.Description,
        RootlessSlirpFixture.Description, RootlessPastaFixture.Description,
    ];

    /// <summary>Every technique's trait value, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>The technique named <paramref name="name"/>, or null.</summary>
    public static TechniqueDescription? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>A technique's place in the catalog; unknown names go last.</summary>
    public static int Order(string name) => Names.ToList().IndexOf(name) is var i and >= 0 ? i : int.MaxValue;

    /// <summary>The kinds of host resource only some techniques create, for the run's cleanup.</summary>
    public static IReadOnlyList<IHostResources> Resources { get; } = [.. All.SelectMany(t => t.Resources ?? []).Distinct()];

    /// <summary>The README's technique table, from the descriptions.</summary>
    public static string MarkdownTable()
    {
        var table = new System.Text.StringBuilder("| technique | kind | what the SUT is | what the client reaches | what its overhead means |\n|---|---|---|---|---|\n");
        foreach (var t in All)
        {
            table.Append($"| `{t.Name}` | {t.Kind} ({t.Family}) | {t.Sut} | {t.Reach} | {t.Meaning} |\n");
        }

        return table.ToString();
    }
}
