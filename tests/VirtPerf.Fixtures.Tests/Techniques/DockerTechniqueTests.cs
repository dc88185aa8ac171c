using VirtPerf.Fixtures.Testbeds;
using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>The container techniques against the real engine: which path their packets take, and what they leave.</summary>
[Collection(HostWideCollection.Name)]
public sealed class DockerTechniqueTests
{
    [SkippableFact(Timeout = 180_000)]
    public async Task DockerNat_traffic_takes_the_DNAT_rule_and_DockerBridge_traffic_does_not()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var noEngine = await DockerEngine.Local.PrepareAsync();
        Skip.If(noEngine is not null, noEngine);

        long natGrowth, bridgeGrowth;
        await using (var nat = await TechniqueRun<DockerNatFixture>.StartAsync(run => new DockerNatFixture(run)))
        {
            natGrowth = await DnatGrowthDuringAsync(nat.Technique);
        }

        await using (var bridge = await TechniqueRun<DockerBridgeFixture>.StartAsync(run => new DockerBridgeFixture(run)))
        {
            bridge.Technique.Endpoint!.Address.ToString().Should().StartWith("198.18.", "the container's own address is in the benchmarking block");
            bridgeGrowth = await DnatGrowthDuringAsync(bridge.Technique);
            await MemcachedProbe.ShouldServeAsync(bridge.Technique.Endpoint, threads: Environment.ProcessorCount);
        }

        // nat-table rules see only a connection's first packet (iptables-extensions(8), conntrack): netperf's control
        // connection and its data connection each pass the DNAT rule once.
        natGrowth.Should().BeGreaterThanOrEqualTo(2, "DockerNat's control and data connections are DNATed");
        bridgeGrowth.Should().Be(0, "DockerBridge reaches the container's own address without NAT");
    }

    [SkippableFact(Timeout = 180_000)]
    public async Task A_stopped_container_technique_leaves_no_container_network_rule_or_memcached_and_the_run_leaves_no_image()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var noEngine = await DockerEngine.Local.PrepareAsync();
        Skip.If(noEngine is not null, noEngine);
        string runId;
        ProcessIdentity memcached;
        await using (var nat = await TechniqueRun<DockerNatFixture>.StartAsync(run => new DockerNatFixture(run)))
        {
            runId = nat.Run.RunId;
            nat.Technique.StartupError.Should().BeNull();
            (await DockerResources.Containers.ListAsync(default)).Should().Contain(n => n.Contains(runId, StringComparison.Ordinal));
            nat.Technique.SutHostCpu!.Seconds().Should().BeGreaterThan(0);

            // Published on the cable address like netserver's ports; served by the container's unprivileged memcached.
            nat.Technique.Endpoint!.Address.Should().Be(nat.Run.Testbed!.HostAddress);
            await MemcachedProbe.ShouldServeAsync(nat.Technique.Endpoint, threads: Environment.ProcessorCount);
            var top = await Tool.RunAsync("docker", ["top", nat.Technique.Context["container"], "-o", "pid,user,args"]);
            var line = top.StandardOutput.Split('\n').Should()
                .ContainSingle(l => l.Contains("/usr/bin/memcached ", StringComparison.Ordinal)).Subject;
            line.Should().Contain($"/usr/bin/memcached -m 64 -c 1024 -t {Environment.ProcessorCount} -p 11211 -U 0");
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            fields[1].Should().BeOneOf("nobody", "65534");
            memcached = ProcessIdentity.Of(int.Parse(fields[0], CultureInfo.InvariantCulture))!;
        }

        memcached.IsAlive.Should().BeFalse("the container's memcached goes with the container");

        foreach (var kind in new IHostResources[] { DockerResources.Containers, DockerResources.Networks, DockerResources.Images, IptablesRules.DockerUser })
        {
            (await kind.ListAsync(default)).Should().NotContain(n => n.Contains(runId, StringComparison.Ordinal), kind.Kind);
        }
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task Without_a_reachable_engine_the_technique_is_unavailable_and_says_so()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var original = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Environment.SetEnvironmentVariable("DOCKER_HOST", "unix:///nonexistent/docker.sock");
        try
        {
            await using var bridge = await TechniqueRun<DockerBridgeFixture>.StartAsync(run => new DockerBridgeFixture(run));

            bridge.Technique.StartupError.Should().BeNull();
            bridge.Technique.Unavailable.Should().StartWith("no Docker engine answers at unix:///nonexistent/docker.sock: run scripts/setup.sh");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", original);
        }
    }

    /// <summary>Packets counted by Docker's DNAT rules for the cable address while a 1 s TCP_RR runs against the technique
    /// (the first packet of each connection).</summary>
    private static async Task<long> DnatGrowthDuringAsync(DockerFixture technique)
    {
        technique.StartupError.Should().BeNull();
        technique.Unavailable.Should().BeNull();
        var testbed = (LocalTestbed)technique.Run.Testbed!;
        var before = await DnatPacketsAsync(testbed.HostAddress.ToString());
        var endpoint = technique.Endpoint!;
        string[] dataPort = endpoint.NetperfDataPort is { } port ? ["--", "-P", $",{port}"] : [];
        await Tool.RunAsync("ip", [
            "netns", "exec", testbed.ClientNamespace, "netperf", "-H", endpoint.Address.ToString(), "-t", "TCP_RR", "-l", "1", .. dataPort]);
        return await DnatPacketsAsync(testbed.HostAddress.ToString()) - before;
    }

    private static async Task<long> DnatPacketsAsync(string hostAddress)
    {
        // iptables -L -v -x: exact counters; column 1 is packets, column 9 the destination (iptables(8)).
        var run = await Tool.RunAsync("iptables", ["-t", "nat", "-L", "DOCKER", "-v", "-n", "-x"]);
        return run.StandardOutput.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[2] == "DNAT" && f[8] == hostAddress)
            .Sum(f => long.Parse(f[0], CultureInfo.InvariantCulture));
    }
}
