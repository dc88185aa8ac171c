using System.Net.Sockets;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Testbeds;

public sealed class LocalTestbedTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task The_testbed_joins_a_client_namespace_to_the_host_with_a_cable_in_the_benchmarking_block()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        var testbed = run.Testbed;

        (await IpResources.Namespaces.ListAsync(default)).Should().Contain(testbed.ClientNamespace);
        (await IpResources.Links.ListAsync(default)).Should().Contain(testbed.HostLink);
        testbed.HostAddress.ToString().Should().StartWith("198.19.");
        testbed.ClientAddress.GetAddressBytes()[..3].Should().Equal(testbed.HostAddress.GetAddressBytes()[..3]);

        // The cable carries traffic: from the client namespace, a TCP connect to a host port that nobody listens on
        // is refused by the host (a dead cable would time out instead).
        var connect = await Tool.RunAsync(
            "ip", ["netns", "exec", testbed.ClientNamespace, "bash", "-c", $"exec 3<>/dev/tcp/{testbed.HostAddress}/9"], allowFailure: true);
        connect.StandardError.Should().Contain("Connection refused");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Disposing_the_testbed_removes_its_namespace_and_links()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var run = await TestRun.StartAsync();
        var names = new[] { run.Testbed.ClientNamespace, run.Testbed.HostLink };

        await run.DisposeAsync();

        (await IpResources.Namespaces.ListAsync(default)).Should().NotContain(names);
        (await IpResources.Links.ListAsync(default)).Should().NotContain(names);
        TestRun.Cleanup.Registry.Find(run.RunId).Should().BeNull();
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Two_live_runs_get_different_subnets()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var first = await TestRun.StartAsync();
        await using var second = await TestRun.StartAsync();

        second.Testbed.Subnet.Should().NotBe(first.Testbed.Subnet);
    }
}
