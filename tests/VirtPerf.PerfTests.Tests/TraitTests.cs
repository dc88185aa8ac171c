using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads;

namespace VirtPerf.PerfTests.Tests;

public sealed class TraitTests
{
    [Fact]
    public void Every_row_carries_technique_scenario_and_suite_traits()
    {
        var rows = DiscoveredRows.All();

        rows.Should().NotBeEmpty();
        rows.Should().OnlyContain(row =>
            row.Traits.ContainsKey("Technique") && row.Traits.ContainsKey("Scenario") && row.Traits.ContainsKey("Suite"));
    }

    [Fact]
    public void The_BareMetal_technique_has_one_row_per_netperf_scenario()
    {
        var rows = DiscoveredRows.Matching(("Technique", "BareMetal"), ("Suite", "Netperf"));

        rows.Select(r => r.Traits["Scenario"].Single()).Should().BeEquivalentTo(Scenarios.Netperf.Select(s => s.ToString()));
        rows.Select(r => r.DisplayName).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_technique_has_one_row_per_memcached_scenario_in_the_Memcached_suite()
    {
        var rows = DiscoveredRows.Matching(("Suite", "Memcached"));

        rows.GroupBy(r => r.Traits["Technique"].Single()).Select(g => g.Key).Should().BeEquivalentTo(TechniqueCatalog.Names);
        rows.GroupBy(r => r.Traits["Technique"].Single()).Should().OnlyContain(technique => technique.Select(r => r.Traits["Scenario"].Single())
                .SequenceEqual(Scenarios.Memcached.Select(s => s.ToString())));
        rows.Should().Contain(r => r.DisplayName == "BareMetal.Memcached(MemcachedRead)");
    }

    [Fact]
    public void Filtering_by_the_capacity_scenario_selects_one_row_per_technique_in_the_Capacity_suite()
    {
        var rows = DiscoveredRows.Matching(("Scenario", nameof(Scenario.MemcachedCapacity)));

        rows.Select(r => r.Traits["Technique"].Single()).Should().BeEquivalentTo(TechniqueCatalog.Names);
        rows.Should().OnlyContain(r => r.Traits["Suite"].Single() == nameof(Suite.Capacity));
        rows.Should().Contain(r => r.DisplayName == "OSvVhost.Capacity(MemcachedCapacity)");
    }

    [Fact]
    public void Filtering_by_the_study_matrix_selects_bare_metal_and_the_study_s_eight_techniques_and_nothing_else()
    {
        var study = DiscoveredRows.Matching(("Matrix", VirtPerf.Workloads.Techniques.StudyMatrix));
        var beyond = DiscoveredRows.Matching(("Matrix", VirtPerf.Workloads.Techniques.BeyondMatrix));

        study.Select(r => r.Traits["Technique"].Single()).Distinct().Should().BeEquivalentTo(new[] {
            "BareMetal", "LinuxVirtio", "LinuxVirtioOffload", "OSvVirtio", "LinuxVhost", "LinuxVhostOffload", "OSvVhost", "DockerNat", "DockerBridge" });
        beyond.Select(r => r.Traits["Technique"].Single()).Distinct().Should().BeEquivalentTo(TechniqueCatalog.Names.Except(VirtPerf.Workloads.Techniques.Study));
        (study.Count + beyond.Count).Should().Be(DiscoveredRows.All().Count, "every row is in one matrix or the other");
    }

    [Fact]
    public void The_study_s_techniques_lead_the_catalog_in_thesis_table_7_s_order()
    {
        TechniqueCatalog.Names.Take(VirtPerf.Workloads.Techniques.Study.Count).Should().Equal(VirtPerf.Workloads.Techniques.Study);
    }

    [Fact]
    public void Filtering_by_technique_and_scenario_selects_exactly_one_row()
    {
        var rows = DiscoveredRows.Matching(("Technique", "BareMetal"), ("Scenario", "TCP_RR"));

        rows.Should().ContainSingle().Which.DisplayName.Should().Contain("TCP_RR");
    }

    [Fact]
    public void Filtering_by_scenario_selects_that_scenario_on_every_technique_and_nothing_else()
    {
        var rows = DiscoveredRows.Matching(("Scenario", "UDP_STREAM"));

        rows.Should().NotBeEmpty().And.OnlyContain(r => r.Traits["Scenario"].Single() == "UDP_STREAM");
        rows.Select(r => r.Traits["Technique"].Single()).Should().OnlyHaveUniqueItems().And.Contain("BareMetal");
    }

    [Fact]
    public void Rows_are_serializable_so_the_test_explorer_lists_each_one()
    {
        // A row that cannot be serialized is folded into one theory case at discovery (xUnit1044/1045).
        DiscoveredRows.All().Should().OnlyContain(row => row is VirtPerf.Xunit.ScenarioTestCase);
    }

    [Fact]
    public void Every_catalogued_technique_has_its_rows_class_and_every_rows_class_is_catalogued()
    {
        var classes = typeof(TechniqueRows<>).Assembly.GetTypes()
            .Select(t => (Type: t, Trait: t.GetCustomAttributes(typeof(VirtPerf.Xunit.TechniqueAttribute), false).Cast<VirtPerf.Xunit.TechniqueAttribute>().SingleOrDefault()))
            .Where(c => c.Trait is not null)
            .ToList();

        classes.Select(c => c.Trait!.Name).Should().BeEquivalentTo(TechniqueCatalog.Names, "a technique is its folder, one line in TechniqueCatalog and one perf-tests class");
        classes.Should().OnlyContain(c => c.Type.Name == c.Trait!.Name, "the class is named after its trait, so the test explorer shows the technique");
    }

    [Fact]
    public void The_READMEs_technique_table_is_the_catalogs()
    {
        // Between the markers; VIRTPERF_WRITE_README=1 writes the catalog's table there.
        const string Start = "<!-- techniques: generated from TechniqueCatalog -->\n", End = "<!-- /techniques -->";
        var path = Path.Combine(VirtPerf.Rows.RepositoryRoot.Find(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var (from, to) = (readme.IndexOf(Start, StringComparison.Ordinal), readme.IndexOf(End, StringComparison.Ordinal));
        from.Should().BeGreaterThanOrEqualTo(0, $"README.md marks its technique table with {Start.Trim()}");
        var table = readme[(from + Start.Length)..to];
        if (Environment.GetEnvironmentVariable("VIRTPERF_WRITE_README") == "1")
        {
            File.WriteAllText(path, readme[..(from + Start.Length)] + TechniqueCatalog.MarkdownTable() + readme[to..]);
            return;
        }

        table.Should().Be(TechniqueCatalog.MarkdownTable(), "README.md's technique table comes from the techniques' descriptions (VIRTPERF_WRITE_README=1 rewrites it)");
    }
}
