using Snapshooter;
using Snapshooter.Xunit;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Workloads.Tests.Netperf;

public sealed class NetperfCommandTests
{
    [Theory]
    [InlineData(Scenario.TCP_STREAM)]
    [InlineData(Scenario.TCP_MAERTS)]
    [InlineData(Scenario.TCP_RR)]
    [InlineData(Scenario.TCP_CRR)]
    [InlineData(Scenario.UDP_STREAM)]
    [InlineData(Scenario.UDP_RR)]
    public void Each_scenario_runs_its_netperf_test_with_cpu_latency_statistics_and_keyval_output(Scenario scenario)
    {
        var arguments = NetperfCommand.Arguments(scenario, new NetperfTarget("198.19.0.1"), seconds: 50);

        string.Join(' ', arguments).MatchSnapshot(SnapshotNameExtension.Create(scenario));
    }

    [Fact]
    public void A_fixed_data_port_is_passed_as_the_remote_port_of_the_test_option_P()
    {
        var arguments = NetperfCommand.Arguments(Scenario.TCP_RR, new NetperfTarget("198.19.0.1", 12865, DataPort: 50001), 2);

        arguments.SkipWhile(a => a != "--").Should().ContainInConsecutiveOrder("-P", ",50001");
    }

    [Fact]
    public void A_bare_metal_netserver_binds_its_data_socket_to_the_target_address_alone()
    {
        var test = (bool onHost) => NetperfCommand.Arguments(
            Scenario.TCP_CRR, new NetperfTarget("198.19.0.1", 12866, DataPort: 50002, DataOnHost: onHost), 2).SkipWhile(a => a != "--").ToList();

        test(true).Should().ContainInConsecutiveOrder("-H", "198.19.0.1");
        test(false).Should().NotContain("-H", "a NAT'd netserver does not own the address the client reaches");
    }

    [Fact]
    public void A_SUT_that_can_report_its_CPU_is_asked_for_it_with_minus_C()
    {
        var arguments = NetperfCommand.Arguments(Scenario.TCP_RR, new NetperfTarget("198.19.0.1"), 2);

        arguments.Should().Contain(["-c", "-C"]);
        arguments.SkipWhile(a => a != "-k").Skip(1).First().Split(',').Should().Contain("REMOTE_CPU_UTIL");
    }

    [Theory]
    [InlineData(Scenario.TCP_RR)]
    [InlineData(Scenario.TCP_STREAM)]
    public void A_SUT_that_cannot_report_its_CPU_is_not_asked_for_it_and_the_client_still_is(Scenario scenario)
    {
        var arguments = NetperfCommand.Arguments(scenario, new NetperfTarget("198.18.3.2", RemoteCpu: false), 2);

        arguments.Should().Contain("-c").And.NotContain("-C");
        arguments.SkipWhile(a => a != "-k").Skip(1).First().Split(',').Should()
            .Contain("LOCAL_CPU_UTIL").And.NotContain("REMOTE_CPU_UTIL");
    }

    [Fact]
    public void Only_UDP_STREAM_asks_netperf_to_allow_routing()
    {
        NetperfCommand.Arguments(Scenario.UDP_STREAM, new NetperfTarget("198.19.0.1"), 2).Should().ContainInConsecutiveOrder("-R", "1");
        NetperfCommand.Arguments(Scenario.UDP_RR, new NetperfTarget("198.19.0.1"), 2).Should().NotContain("-R");
    }

    [Theory]
    [InlineData("-oops")]
    [InlineData("a b")]
    [InlineData("")]
    public void A_host_that_could_be_read_as_an_option_is_refused(string host)
    {
        var build = () => NetperfCommand.Arguments(Scenario.TCP_RR, new NetperfTarget(host), 2);

        build.Should().Throw<ArgumentException>().WithMessage($"*'{host}' is not a host name or IP address*");
    }
}
