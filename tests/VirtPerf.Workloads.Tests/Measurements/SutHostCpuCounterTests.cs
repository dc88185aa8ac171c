using FluentAssertions;
using VirtPerf.Workloads.Measurements;
using Xunit;

namespace VirtPerf.Workloads.Tests.Measurements;

public sealed class SutHostCpuCounterTests
{
    private static Dictionary<Metric, double> Added(SutHostCpuCounter counter, Metric work, double amount)
    {
        var metrics = new Dictionary<Metric, double> { [work] = amount };
        counter.AddTo(metrics, before: 10.0, elapsedSeconds: 1.5);
        return metrics;
    }

    [Fact]
    public void The_share_is_of_the_SUT_hosts_CPUs_not_this_machines()
    {
        var counter = new SutHostCpuCounter(() => 13.0, Cores: 4);

        // 3 CPU seconds over 1.5 s on a 4-CPU SUT host: half of it, whatever this machine has.
        Added(counter, Metric.Throughput, 1000)[Metric.SutHostCpu].Should().BeApproximately(50.0, 1e-9);
        Added(counter with { Cores = 2 }, Metric.Throughput, 1000)[Metric.SutHostCpu].Should().BeApproximately(100.0, 1e-9);
    }

    [Fact]
    public void A_unit_of_work_costs_the_CPU_seconds_spent_on_it()
    {
        var counter = new SutHostCpuCounter(() => 13.0, Cores: 4);

        // 3 CPU seconds for 1.5 s of 2000 Mbit/s (3 Gbit): 1 CPU-second per Gbit.
        Added(counter, Metric.Throughput, 2000)[Metric.SutHostCpuPerGbit].Should().BeApproximately(1.0, 1e-9);

        // 3 CPU seconds for 1.5 s of 40,000 transactions/s (60,000): 50 CPU-seconds per million.
        Added(counter, Metric.TransactionRate, 40_000)[Metric.SutHostCpuPerMillion].Should().BeApproximately(50.0, 1e-9);

        // A stream that delivered nothing has no cost per unit (it would be infinite), only its CPU share.
        Added(counter, Metric.Throughput, 0).Should().ContainKey(Metric.SutHostCpu).And.NotContainKey(Metric.SutHostCpuPerGbit);
    }
}
