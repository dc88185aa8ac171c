using FluentAssertions;
using VirtPerf.Workloads.Measurements;
using Xunit;

namespace VirtPerf.Workloads.Tests.Measurements;

public sealed class SutHostCpuCounterTests
{
    [Fact]
    public void The_share_is_of_the_SUT_hosts_CPUs_not_this_machines()
    {
        var counter = new SutHostCpuCounter(() => 13.0, Cores: 4);

        // 3 CPU seconds over 1.5 s on a 4-CPU SUT host: half of it, whatever this machine has.
        counter.PercentSince(10.0, 1.5).Should().BeApproximately(50.0, 1e-9);
        (counter with { Cores = 2 }).PercentSince(10.0, 1.5).Should().BeApproximately(100.0, 1e-9);
    }
}
