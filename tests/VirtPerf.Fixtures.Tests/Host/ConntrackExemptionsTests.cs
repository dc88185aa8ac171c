using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Host;

[Collection(HostWideCollection.Name)]
public sealed class ConntrackExemptionsTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task An_exemption_left_by_a_dead_run_is_removed_at_the_next_start()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(!Tool.IsInstalled("iptables"), "iptables is not installed: run scripts/setup.sh");
        var deadRun = ResourceNames.NewRunId();
        var orphan = ResourceNames.For(deadRun, "nt");
        // The link need not exist: a rule may name an interface that comes later (iptables(8), -i).
        (await ConntrackExemptions.ExemptAsync(orphan, ResourceNames.For(deadRun, "h"))).Should().BeNull();
        (await ConntrackExemptions.Raw.ListAsync(default)).Should().Contain(orphan);

        var removed = await TestRun.Cleanup.RemoveLeftoversAsync();

        removed.Should().Contain($"conntrack exemption {orphan}");
        (await ConntrackExemptions.Raw.ListAsync(default)).Should().NotContain(orphan);
        (await Tool.RunAsync("iptables", ["-t", "raw", "-S"])).StandardOutput.Should().NotContain(orphan, "both of its rules go");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Two_cleanups_removing_the_same_exemption_at_once_both_succeed()
    {
        // A signal's cleanup and the run's own disposal race like this; the loser's delete finds the rule gone.
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(!Tool.IsInstalled("iptables"), "iptables is not installed: run scripts/setup.sh");
        var name = ResourceNames.For(ResourceNames.NewRunId(), "nt");
        (await ConntrackExemptions.ExemptAsync(name, "vnptest0")).Should().BeNull();

        var both = () => Task.WhenAll(ConntrackExemptions.Raw.RemoveAsync(name, default), ConntrackExemptions.Raw.RemoveAsync(name, default));

        await both.Should().NotThrowAsync();
        (await Tool.RunAsync("iptables", ["-t", "raw", "-S"])).StandardOutput.Should().NotContain(name);
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Rules_without_a_project_name_are_not_the_projects()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(!Tool.IsInstalled("iptables"), "iptables is not installed: run scripts/setup.sh");
        const string Foreign = "someone-elses-rule";
        (await ConntrackExemptions.ExemptAsync(Foreign, "vnptest0")).Should().BeNull();
        try
        {
            (await ConntrackExemptions.Raw.ListAsync(default)).Should().NotContain(Foreign);
            (await TestRun.Cleanup.RemoveLeftoversAsync()).Should().NotContain(r => r.Contains(Foreign, StringComparison.Ordinal));
            (await Tool.RunAsync("iptables", ["-t", "raw", "-S"])).StandardOutput.Should().Contain(Foreign);
        }
        finally
        {
            await ConntrackExemptions.Raw.RemoveAsync(Foreign, default);
        }
    }
}
