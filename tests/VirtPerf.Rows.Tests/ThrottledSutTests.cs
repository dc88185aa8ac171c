using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.TestSupport;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.Rows.Tests;

/// <summary>
/// A paired row end to end on real numbers: bare metal's servers twice on one testbed, the real netperf, the row code
/// (<see cref="PairedRun"/>, <see cref="EndpointSides"/>, <see cref="Workload"/>): bare metal paired with itself
/// passes its budget; with one side's data port behind a rate limit standing in for a costly technique, it fails. A rate
/// limit, not a CPU quota: on a CI machine whose wake-ups cost 100 us, TCP_RR barely used the CPU a quota takes away.
/// </summary>
[Collection(HostWideCollection.Name)]
public sealed class ThrottledSutTests(ITestOutputHelper output)
{
    /// <summary>The name the throttled side runs under; any technique's name, the SUT is bare metal throughout.</summary>
    private const string Technique = "DockerBridge";

    /// <summary>The throttled side's data port: its requests are one 67-byte frame each, so 1 Mbit/s holds TCP_RR under
    /// about 1,900 transactions/s, a fifth or less of what loopback does on any machine tried.</summary>
    private const double ThrottledMbits = 1;

    private const int ThrottledDataPort = 50001;

    private const double BudgetPercent = 25;

    private static readonly Profile Short = new("test", Iterations: 6, IterationSeconds: 1, WarmUpSeconds: 1, MaxIterations: 6);

    private static readonly OverheadBudgets Budgets = new(
        OverheadBudgets.FormatName, OverheadBudgets.CurrentSchemaVersion, DefaultPercent: 100,
        GatedMetrics: [Metric.TransactionRate], RegressionPercent: 10, Rules: [new BudgetRule(BudgetPercent, Technique)]);

    [SkippableFact(Timeout = 240_000)]
    public async Task Bare_metal_paired_with_itself_passes_and_a_side_behind_a_rate_limit_fails_its_budget()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        string runId, clientNamespace;
        IReadOnlyList<ProcessIdentity> servers;
        await using (var run = await TestRun.StartAsync())
        {
            (runId, clientNamespace) = (run.RunId, run.Testbed.ClientNamespace);
            await using var technique = await BareMetalServers.StartAsync(run.Testbed, runId, TestRun.Cleanup.Registry, 12865, 11211, ThrottledDataPort);
            await using var bare = await BareMetalServers.StartAsync(run.Testbed, runId, TestRun.Cleanup.Registry);
            servers = technique.ProcessIds.Concat(bare.ProcessIds).Select(pid => ProcessIdentity.Of(pid)!).ToList();
            var workload = Workload.For(Scenario.TCP_RR, ClientHost.InNamespace(clientNamespace));
            Task<(PairedRun Run, IReadOnlyList<Verdict> Verdicts)> Row() => PairedRun.JudgeAsync(
                new EndpointSides(workload.MeasureOn, Short, technique.Endpoint, null, bare.Endpoint), Scenario.TCP_RR, Short,
                r => [OverheadGate.AgainstBudget(Measured(Technique, r.Technique), Measured(Techniques.BareMetal, r.BareMetal), Budgets)],
                output.WriteLine);

            var (same, unthrottled) = await Row();
            Report("unthrottled", unthrottled.Single());
            Measured(Technique, same.Technique).Should().Pass(unthrottled.Single(), "nothing differs between the sides");
            unthrottled.Single().Outcome.Should().NotBe(Outcome.OverBudget);

            await using var shaper = await DataPortShaper.LimitAsync(run.Testbed, ThrottledDataPort, ThrottledMbits, sutSends: false);

            var (slow, throttled) = await Row();
            Report("throttled", throttled.Single());
            var rate = throttled.Single().Metrics.Single();
            rate.Outcome.Should().Be(Outcome.OverBudget);
            var gate = () => Measured(Technique, slow.Technique).Should().Pass(throttled.Single());
            gate.Should().Throw<XunitException>().Which.Message.Should()
                .StartWith($"Expected {Technique} TCP_RR to stay within its overhead budgets on testbed")
                .And.Contain($"TransactionRate: overhead {rate.Overhead}")
                .And.Contain($"budget {BudgetPercent}%, n = 6 vs 6 (autocorrelation")
                .And.Contain("note: paired: bare metal measured alternately in the same row");
        }

        servers.Should().OnlyContain(server => !server.IsAlive, "the run's servers end with it");
        (await IpResources.Namespaces.ListAsync(default)).Should().NotContain(clientNamespace);
        TestRun.Cleanup.Registry.Find(runId).Should().BeNull();
    }

    private static Measurement Measured(string technique, IReadOnlyList<Iteration> iterations) => new()
    {
        Technique = technique,
        Scenario = Scenario.TCP_RR,
        RunId = "000000",
        Testbed = new TestbedFingerprint("local", "cpu", 2, "kernel", new Dictionary<string, string>()),
        Profile = Short,
        Started = iterations[0].Started,
        Finished = DateTimeOffset.UtcNow,
        Iterations = iterations,
    };

    private void Report(string what, Verdict verdict)
    {
        output.WriteLine($"{what}: {verdict.Outcome}");
        foreach (var metric in verdict.Metrics)
        {
            output.WriteLine($"  {metric}");
        }
    }
}
