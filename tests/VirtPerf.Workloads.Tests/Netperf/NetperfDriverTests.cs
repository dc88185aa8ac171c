using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.TestSupport;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Workloads.Tests.Netperf;

/// <summary>The driver against the real netperf and netserver on a real testbed.</summary>
public sealed class NetperfDriverTests
{
    [SkippableTheory(Timeout = 60_000)]
    [InlineData(Scenario.TCP_STREAM)]
    [InlineData(Scenario.TCP_MAERTS)]
    [InlineData(Scenario.TCP_RR)]
    [InlineData(Scenario.TCP_CRR)]
    [InlineData(Scenario.UDP_STREAM)]
    [InlineData(Scenario.UDP_RR)]
    public async Task One_short_iteration_of_each_scenario_measures_real_figures(Scenario scenario)
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: true);
        var driver = new NetperfDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));
        var progress = new List<string>();

        var iterations = await driver.MeasureAsync(
            scenario, new NetperfTarget(run.Testbed.HostAddress.ToString()), new Profile("test", 1, 1, 0),
            new SynchronousProgress(progress.Add));

        var metrics = iterations.Should().ContainSingle().Subject.Metrics;
        metrics[Scenarios.IsRequestResponse(scenario) ? Metric.TransactionRate : Metric.Throughput].Should().BeGreaterThan(0);
        metrics[Metric.ClientCpu].Should().BeInRange(0, 100);
        progress.Should().ContainSingle().Which.Should().StartWith($"{scenario}: iteration 1 of 1: ");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task TCP_CRR_counts_as_many_transactions_as_the_target_did_in_the_iterations_length_the_run_before()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: true);
        var driver = new NetperfDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));
        var target = new NetperfTarget(run.Testbed.HostAddress.ToString());
        driver.Transactions(Scenario.TCP_CRR, target, 2).Should().Be(2 * NetperfDriver.FirstConnectRate, "nothing is known of the target yet");
        driver.Transactions(Scenario.TCP_RR, target, 2).Should().BeNull("only TCP_CRR's netserver waits out a timer");

        var first = await driver.RunAsync(Scenario.TCP_CRR, target, 2);

        first.ElapsedSeconds.Should().BeGreaterThan(0);
        driver.Transactions(Scenario.TCP_CRR, target, 2).Should().Be((int)Math.Max(100, Math.Round(2 * first.TransactionRate)));
        driver.CommandLine(Scenario.TCP_CRR, target, 2).Should().Contain($" -l -{driver.Transactions(Scenario.TCP_CRR, target, 2)} ");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task Against_a_SUT_that_cannot_report_its_CPU_the_iteration_has_no_SutCpu_but_the_clients()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: true);
        var driver = new NetperfDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));

        var iterations = await driver.MeasureAsync(
            Scenario.TCP_RR, new NetperfTarget(run.Testbed.HostAddress.ToString(), RemoteCpu: false), new Profile("test", 1, 1, 0));

        var metrics = iterations.Should().ContainSingle().Subject.Metrics;
        metrics.Should().NotContainKey(Metric.SutCpu);
        metrics[Metric.ClientCpu].Should().BeInRange(0, 100);
        metrics[Metric.TransactionRate].Should().BeGreaterThan(0);
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_fixed_data_port_is_used_by_the_data_connection()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: true);
        var driver = new NetperfDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));

        var result = await driver.RunAsync(Scenario.TCP_RR, new NetperfTarget(run.Testbed.HostAddress.ToString(), DataPort: 50123), 1);

        result.TransactionRate.Should().BeGreaterThan(0);
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task An_unreachable_netserver_is_reported_with_the_command_and_netperfs_words()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync(withNetserver: false);
        var driver = new NetperfDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));

        var measure = () => driver.RunAsync(Scenario.TCP_RR, new NetperfTarget(run.Testbed.HostAddress.ToString(), 12999), 1);

        var error = (await measure.Should().ThrowAsync<ToolException>()).Which;
        error.Message.Should().StartWith($"netserver is not reachable at {run.Testbed.HostAddress} port 12999")
            .And.Contain($"ip netns exec {run.Testbed.ClientNamespace} netperf -H {run.Testbed.HostAddress} -p 12999 -t TCP_RR")
            .And.Contain("establish control: are you sure there is a netserver listening");
        error.Result!.ExitCode.Should().NotBe(0);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_missing_netperf_says_how_to_install_it()
    {
        var driver = new NetperfDriver(ClientHost.Local, "/nonexistent/netperf");

        var measure = () => driver.RunAsync(Scenario.TCP_RR, new NetperfTarget("198.19.0.1"), 1);

        (await measure.Should().ThrowAsync<ToolException>())
            .WithMessage("/nonexistent/netperf is not installed: run scripts/setup.sh*command: /nonexistent/netperf -H 198.19.0.1*");
    }

    [SkippableFact(Timeout = 10_000)]
    public async Task The_version_comes_from_the_installed_netperf()
    {
        Skip.If(!Tool.IsInstalled("netperf"), "netperf is not installed: run scripts/setup.sh");

        (await new NetperfDriver(ClientHost.Local).VersionAsync()).Should().MatchRegex(@"^\d+\.\d+\.\d+$");
    }
}
