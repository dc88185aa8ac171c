using System.Globalization;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Netperf;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.Assertions.Tests.Gate;

/// <summary>
/// The gate end to end on real numbers: a bare-metal netserver measured with the real netperf, first as it is (A/A:
/// within budget), then under a cgroup CPU quota standing in for a costly technique (flagged over budget).
/// </summary>
[Collection(HostWideCollection.Name)]
public sealed class ThrottledSutTests(ITestOutputHelper output)
{
    /// <summary>The name the measurements run under; any technique's name, the SUT is bare metal throughout.</summary>
    private const string Technique = "DockerBridge";

    /// <summary>A tenth of one CPU: netserver needs about half of one here for unthrottled TCP_RR (~42,000 trans/s),
    /// so the quota bites on any host up to several times faster.</summary>
    private const double ThrottledCpus = 0.1;

    private const double BudgetPercent = 25;

    private static readonly Profile Short = new("test", Iterations: 5, IterationSeconds: 1, WarmUpSeconds: 0);

    private static readonly OverheadBudgets Budgets = new(
        OverheadBudgets.FormatName, OverheadBudgets.CurrentSchemaVersion, DefaultPercent: 100,
        GatedMetrics: [Metric.TransactionRate, Metric.LatencyP50], RegressionPercent: 10,
        Rules: [new BudgetRule(BudgetPercent, Technique)]);

    [SkippableFact(Timeout = 180_000)]
    public async Task A_bare_metal_sut_throttled_by_a_cpu_quota_is_flagged_against_its_unthrottled_baseline()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        string runId, clientNamespace, quotaDirectory;
        ProcessIdentity netserver;
        await using (var run = await TestRun.StartAsync(withNetserver: true))
        {
            (runId, clientNamespace) = (run.RunId, run.Testbed.ClientNamespace);
            netserver = ProcessIdentity.Of(run.Netserver!.ProcessId)!;
            var driver = new NetperfDriver(ClientHost.InNamespace(clientNamespace));
            Skip.If(driver.Unavailable is not null, driver.Unavailable);
            var host = HostFacts.Local();
            var testbed = new TestbedFingerprint(
                "local", host.CpuModel, host.Cores, host.Kernel, new Dictionary<string, string> { ["netperf"] = await driver.VersionAsync() });
            var target = new NetperfTarget(run.Testbed.HostAddress.ToString());
            Measurement Measured(string technique, IReadOnlyList<Iteration> iterations) => Measurement(run, testbed, technique, iterations);

            // Interleaved (ABBA), so a neighbour's burst of load on this shared 2-core host hits both sides alike.
            var (bare, same) = await InterleavedAsync(driver, target);
            var baseline = Measured(Techniques.BareMetal, bare);
            var unthrottled = Measured(Technique, same);

            Report("unthrottled", unthrottled.Should().StayWithinBudget(Budgets, baseline, "nothing differs from the baseline").Which);

            await using (var quota = QuotaOrSkip(runId))
            {
                quotaDirectory = quota.Directory;
                quota.AddProcessTree(netserver.Pid); // netserver forks a child per test: they are born inside
                var throttled = Measured(Technique, await MeasureAsync(driver, target, Technique));

                var verdict = OverheadGate.AgainstBudget(throttled, baseline, Budgets);
                Report("throttled", verdict);
                quota.ThrottledPeriods.Should().BePositive("the quota must have held netserver back");
                var rate = verdict.Metrics.Single(m => m.Metric == Metric.TransactionRate);
                rate.Outcome.Should().Be(Outcome.OverBudget);
                var gate = () => throttled.Should().StayWithinBudget(Budgets, baseline);
                gate.Should().Throw<XunitException>().Which.Message.Should()
                    .StartWith($"Expected {Technique} TCP_RR to stay within its overhead budgets on testbed {testbed.Id}")
                    .And.Contain($"TransactionRate: overhead {rate.Overhead}")
                    .And.Contain($"budget {BudgetPercent}%")
                    .And.Contain("n = 5 vs 5 (autocorrelation");
            }
        }

        (await CpuCgroups.Host.ListAsync(default)).Should().NotContain(name => ResourceNames.RunIdOf(name) == runId);
        Directory.Exists(quotaDirectory).Should().BeFalse();
        netserver.IsAlive.Should().BeFalse("the run's netserver ends with the run");
        (await IpResources.Namespaces.ListAsync(default)).Should().NotContain(clientNamespace);
        TestRun.Cleanup.Registry.Find(runId).Should().BeNull();
    }

    /// <summary>The profile's iterations of two sides measured in turn, one iteration at a time, in ABBA order.</summary>
    private async Task<(List<Iteration> A, List<Iteration> B)> InterleavedAsync(NetperfDriver driver, NetperfTarget target)
    {
        var (a, b) = (new List<Iteration>(), new List<Iteration>());
        var one = Short with { Iterations = 1 };
        for (var index = 0; index < Short.Iterations; index++)
        {
            foreach (var side in index % 2 == 0 ? new[] { a, b } : [b, a])
            {
                side.Add((await driver.MeasureAsync(Scenario.TCP_RR, target, one)).Single() with { Index = index });
            }
        }

        Write(Techniques.BareMetal, a);
        Write(Technique, b);
        return (a, b);
    }

    private async Task<IReadOnlyList<Iteration>> MeasureAsync(NetperfDriver driver, NetperfTarget target, string technique)
    {
        var iterations = await driver.MeasureAsync(Scenario.TCP_RR, target, Short);
        Write(technique, iterations);
        return iterations;
    }

    private static Measurement Measurement(TestRun run, TestbedFingerprint testbed, string technique, IReadOnlyList<Iteration> iterations) => new()
    {
        Technique = technique,
        Scenario = Scenario.TCP_RR,
        RunId = run.RunId,
        Testbed = testbed,
        Profile = Short,
        Started = iterations[0].Started,
        Finished = DateTimeOffset.UtcNow,
        Iterations = iterations,
    };

    private static CpuQuota QuotaOrSkip(string runId)
    {
        try
        {
            return CpuQuota.Create(runId, "sut", ThrottledCpus);
        }
        catch (CpuQuotaUnavailableException e)
        {
            throw new Xunit.SkipException(e.Message);
        }
    }

    private void Write(string technique, IReadOnlyList<Iteration> iterations) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{technique}: {string.Join(", ", iterations.Select(i => $"{i.Metrics[Metric.TransactionRate]:0}"))} trans/s, p50 {string.Join(", ", iterations.Select(i => i.Metrics[Metric.LatencyP50]))} us"));

    private void Report(string what, Verdict verdict)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {verdict.Outcome}"));
        foreach (var metric in verdict.Metrics)
        {
            output.WriteLine($"  {metric}");
        }
    }
}
