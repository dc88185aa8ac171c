using VirtPerf.Assertions.Gate;
using VirtPerf.Rows;

namespace VirtPerf.Rows.Tests;

public sealed class HostLoadTests
{
    // 2 CPUs over 10 s: 2000 ticks at USER_HZ 100.
    private static readonly HostLoad Before = new(0.5, StealTicks: 0, TotalTicks: 10_000, BusyTicks: 4_000, OursSeconds: 30);

    [Theory]
    [InlineData(1_200, 12.0, 0.0)]   // all 12 busy seconds were the run's
    [InlineData(1_200, 8.0, 20.0)]   // 4 of the 20 CPU-seconds were someone else's
    [InlineData(1_000, 12.0, 0.0)]   // the two counters read a moment apart: never below 0
    public void Other_work_is_the_hosts_busy_time_less_the_runs_own_in_percent_of_all_its_cpus(long busy, double ours, double percent)
    {
        var after = new HostLoad(1.0, 20, 12_000, Before.BusyTicks + busy, Before.OursSeconds + ours);

        var noise = Before.To(after, cores: 2);

        noise.OtherWorkPercent.Should().BeApproximately(percent, 1e-9);
        noise.StealPercent.Should().BeApproximately(1.0, 1e-9);
        noise.Busy.Should().Be(percent > HostNoise.MostOtherWorkPercent);
    }

    [Fact]
    public void Without_the_runs_own_cpu_other_work_is_not_read_and_never_busy()
    {
        var after = new HostLoad(1.0, 0, 12_000, 5_900, OursSeconds: null);

        var noise = Before.To(after, cores: 2);

        noise.OtherWorkPercent.Should().BeNull();
        noise.Busy.Should().BeFalse();
        noise.ToString().Should().Contain("other work not read");
    }

    [Theory]
    [InlineData("/usr/share/dotnet/dotnet exec /usr/share/dotnet/sdk/10.0.401/vstest.console.dll --port 41835 --parentprocessid 8550", true)]
    [InlineData("/usr/share/dotnet/dotnet /usr/share/dotnet/sdk/10.0.401/MSBuild.dll /nodemode:1", false)]
    [InlineData("bash scripts/perf.sh", false)]
    public void The_runner_whose_cpu_counts_as_the_runs_is_vstests(string commandLine, bool runner) =>
        HostLoad.IsTestRunner(commandLine).Should().Be(runner);
}
