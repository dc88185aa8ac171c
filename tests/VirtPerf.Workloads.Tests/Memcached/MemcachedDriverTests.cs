using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.TestSupport;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>The driver running the generator's entry point in the client namespace against memcached on the testbed.</summary>
public sealed class MemcachedDriverTests
{
    [SkippableTheory(Timeout = 120_000)]
    [InlineData(Scenario.MemcachedUpdate)]
    [InlineData(Scenario.MemcachedRead)]
    [InlineData(Scenario.MemcachedMixed)]
    public async Task Each_scenario_measures_real_figures_through_the_client_namespace(Scenario scenario)
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        await using var memcached = await MemcachedServer.StartAsync(run.Testbed.HostAddress, run.RunId, TestRun.Cleanup.Registry);
        var driver = new MemcachedDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));
        var progress = new List<string>();
        var cpuReads = 0;

        var iterations = await driver.MeasureAsync(
            scenario, run.Testbed.HostAddress.ToString(), MemcachedServer.DefaultPort, new Profile("test", 2, 1, 1),
            new SynchronousProgress(progress.Add), new SutHostCpuCounter(() => ++cpuReads * 0.01, Environment.ProcessorCount));

        iterations.Should().HaveCount(2);
        var metrics = iterations[0].Metrics;
        metrics[Metric.TransactionRate].Should().BeGreaterThan(100);
        metrics[Metric.LatencyP50].Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(metrics[Metric.LatencyP99]);
        metrics[Metric.Misses].Should().Be(0, "Read and Mixed load the keyspace first; Update sends no gets");
        metrics[Metric.SutHostCpu].Should().BeGreaterThan(0, "the SUT's CPU is read around each iteration");
        cpuReads.Should().Be(4);
        var latencies = iterations[0].Latencies!;
        latencies.TotalCount.Should().BeGreaterThan(100, "every request's latency is kept, not only the percentiles");
        (latencies.GetValueAtPercentile(50) / 1e3).Should().BeApproximately(metrics[Metric.LatencyP50], metrics[Metric.LatencyP50] * 0.01);
        progress.Should().Contain(p => p.StartsWith($"{scenario}: iteration 2 of 2: ", StringComparison.Ordinal));
        progress.Any(p => p.Contains("loaded 10,000 keys", StringComparison.Ordinal)).Should().Be(scenario != Scenario.MemcachedUpdate);
    }

    [SkippableFact(Timeout = 180_000)]
    public async Task A_capacity_search_without_an_slo_takes_it_from_the_light_load_and_keeps_it()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        await using var memcached = await MemcachedServer.StartAsync(run.Testbed.HostAddress, run.RunId, TestRun.Cleanup.Registry);
        var driver = new MemcachedDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));
        var server = run.Testbed.HostAddress.ToString();
        var progress = new List<string>();
        driver.CapacitySlo.Should().BeNull("nothing was measured yet");

        var iterations = await driver.MeasureAsync(
            Scenario.MemcachedCapacity, server, MemcachedServer.DefaultPort, new Profile("test", 1, 1, 0), new SynchronousProgress(progress.Add));

        var slo = driver.CapacitySlo!;
        slo.Percentile.Should().Be(99);
        slo.LimitMicroseconds.Should().BeGreaterThan(0);
        progress.Should().ContainSingle(p => p.Contains("SLO p99 <=", StringComparison.Ordinal)).Which.Should()
            .Be($"MemcachedCapacity: SLO p99 <= {slo.LimitMicroseconds} us ({MemcachedDriver.SloMultiple} x the median p99 of {server}:{MemcachedServer.DefaultPort} at 1000/s)");
        iterations.Single().Metrics[Metric.Capacity].Should().BeGreaterThanOrEqualTo(0);
        driver.CommandLine(Scenario.MemcachedCapacity, server, MemcachedServer.DefaultPort, new Profile("test", 1, 1, 0))
            .Should().Contain($"--search 99:{slo.LimitMicroseconds}", "both sides of a row, and later rows given it, search for the same SLO");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_memcached_that_is_not_there_fails_with_the_command_and_the_generators_words()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        var driver = new MemcachedDriver(ClientHost.InNamespace(run.Testbed.ClientNamespace));

        var measure = () => driver.MeasureAsync(
            Scenario.MemcachedRead, run.Testbed.HostAddress.ToString(), 11299, new Profile("test", 1, 1, 0));

        var error = (await measure.Should().ThrowAsync<ToolException>()).Which;
        error.Message.Should().StartWith("the memcached load failed after 0 of 1 iterations.")
            .And.Contain($"ip netns exec {run.Testbed.ClientNamespace} ")
            .And.Contain($"cannot connect to memcached at {run.Testbed.HostAddress}:11299");
    }

    [Fact]
    public void A_missing_generator_is_named_with_the_fix()
    {
        new MemcachedDriver(ClientHost.Local, "/nonexistent/VirtPerf.Mutilate.dll").Unavailable
            .Should().Be("the load generator /nonexistent/VirtPerf.Mutilate.dll is missing: build the project that runs it again (e.g. dotnet build perf-tests); its "
                + "<RunsLoadGenerator>true</RunsLoadGenerator> puts a Release build of src/VirtPerf.Mutilate there (Directory.Build.targets).");
    }

    [Theory]
    [InlineData("VirtPerf.Mutilate.dll")]
    [InlineData("VirtPerf.Workloads.dll")]
    public void The_generator_the_driver_runs_is_an_optimised_build_whatever_these_tests_are_built_in(string assembly)
    {
        // The generator's loop lives in VirtPerf.Workloads: a Debug build of either runs unoptimised (DebuggableAttribute).
        var path = Path.Combine(Path.GetDirectoryName(MemcachedDriver.DefaultGenerator)!, assembly);
        var context = new AssemblyLoadContext(assembly, isCollectible: true);
        try
        {
            var debuggable = context.LoadFromAssemblyPath(path).GetCustomAttribute<DebuggableAttribute>();
            (debuggable?.IsJITOptimizerDisabled ?? false).Should().BeFalse($"{path} must be a Release build");
        }
        finally
        {
            context.Unload();
        }
    }
}
