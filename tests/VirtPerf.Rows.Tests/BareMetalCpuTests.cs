using VirtPerf.TestSupport;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows.Tests;

/// <summary>Bare metal's own cost: its servers' CPU time read from /proc while the real netperf drives them, so every
/// technique's cost per unit of work has bare metal's beside it.</summary>
[Collection(HostWideCollection.Name)]
public sealed class BareMetalCpuTests
{
    private static readonly Profile Short = new("test", Iterations: 2, IterationSeconds: 1, WarmUpSeconds: 0);

    [SkippableFact(Timeout = 120_000)]
    public async Task Bare_metals_servers_report_their_host_CPU_and_its_cost_per_unit_of_work()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        await using var bare = await BareMetalServers.StartAsync(run.Testbed, run.RunId, TestRun.Cleanup.Registry, 12877, 11223, 50013);
        var client = ClientHost.InNamespace(run.Testbed.ClientNamespace);
        var sides = new EndpointSides(Workload.For(Scenario.TCP_RR, client).MeasureOn, Short, bare.Endpoint, bare.HostCpu);

        var iterations = await sides.MeasureAsync(Side.Technique, 2, CancellationToken.None);

        bare.HostCpu.Should().NotBeNull("the local testbed's servers are this machine's processes");
        iterations.Should().HaveCount(2).And.OnlyContain(i => i.Metrics[Metric.SutHostCpu] > 0 && i.Metrics[Metric.SutHostCpu] <= 100);
        iterations.Should().OnlyContain(i => i.Metrics[Metric.SutHostCpuPerMillion] > 0, "netserver served the test in its own process");
    }
}
