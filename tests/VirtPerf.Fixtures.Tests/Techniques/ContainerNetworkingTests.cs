using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Techniques.DockerHost;
using VirtPerf.Fixtures.Techniques.DockerMacvlan;
using VirtPerf.Fixtures.Techniques.GVisor;
using VirtPerf.Fixtures.Techniques.GVisorHostNet;
using VirtPerf.Fixtures.Techniques.Rootless;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>The container techniques beyond the study against the real engine: where their servers sit, what runs
/// them, what their CPU counter counts.</summary>
[Collection(HostWideCollection.Name)]
public sealed class ContainerNetworkingTests
{
    [SkippableFact(Timeout = 180_000)]
    public async Task DockerHost_serves_on_the_cable_address_from_the_hosts_own_network_namespace()
    {
        await SkipWithoutEngineAsync();
        await using var host = await TechniqueRun<DockerHostFixture>.StartAsync(run => new DockerHostFixture(run));
        host.Technique.StartupError.Should().BeNull();

        host.Technique.Endpoint!.Address.Should().Be(host.Run.Testbed!.HostAddress);
        NetworkNamespaceOf(await ContainerPidAsync(host.Technique)).Should().Be(NetworkNamespaceOf(Environment.ProcessId), "--network host shares the host's stack");
        await MemcachedProbe.ShouldServeAsync(host.Technique.Endpoint, threads: Environment.ProcessorCount);
    }

    [SkippableFact(Timeout = 180_000)]
    public async Task DockerMacvlan_puts_the_container_on_the_cable_where_the_client_reaches_it_and_leaves_no_network()
    {
        await SkipWithoutEngineAsync();
        string runId;
        await using (var macvlan = await TechniqueRun<DockerMacvlanFixture>.StartAsync(run => new DockerMacvlanFixture(run)))
        {
            macvlan.Technique.StartupError.Should().BeNull();
            var testbed = (LocalTestbed)macvlan.Run.Testbed!;
            runId = macvlan.Run.RunId;
            var address = macvlan.Technique.Endpoint!.Address.GetAddressBytes();
            address[..3].Should().Equal(testbed.HostAddress.GetAddressBytes()[..3], "the container's address is in the cable's own subnet");
            address[3].Should().BeInRange(8, 15);
            var network = await Tool.RunAsync("docker", ["network", "inspect", ResourceNames.For(runId, "dmv"), "--format", "{{.Driver}} {{index .Options \"parent\"}}"]);
            network.StandardOutput.Trim().Should().Be($"macvlan {testbed.HostLink}");
            var rr = await Tool.RunAsync("ip", ["netns", "exec", testbed.ClientNamespace, "netperf", "-H", macvlan.Technique.Endpoint.Address.ToString(), "-t", "TCP_RR", "-l", "1", "-P", "0"]);
            rr.StandardOutput.Should().MatchRegex(@"\d+\.\d+", "the client on the other end of the cable reaches the container");
        }

        (await DockerResources.Networks.ListAsync(default)).Should().NotContain(n => n.Contains(runId, StringComparison.Ordinal));
    }

    [SkippableFact(Timeout = 180_000)]
    public async Task GVisorHostNet_runs_the_payload_in_a_runsc_sandbox_whose_CPU_counts()
    {
        await SkipWithoutEngineAsync();
        var unavailable = await GVisorRuntime.UnavailableAsync(DockerEngine.Local, GVisorRuntime.HostNetwork, ownNetworkStack: false, default);
        Skip.If(unavailable is not null, unavailable);
        await using var gvisor = await TechniqueRun<GVisorHostNetFixture>.StartAsync(run => new GVisorHostNetFixture(run));
        gvisor.Technique.StartupError.Should().BeNull();

        ProcessIdentity.CommandLine(await ContainerPidAsync(gvisor.Technique)).Should().StartWith(["runsc-sandbox"], "runsc runs the container");
        var before = gvisor.Technique.SutHostCpu!.Seconds();
        await Tool.RunAsync("ip", ["netns", "exec", gvisor.Run.Testbed!.ClientNamespace!, "netperf", "-H", gvisor.Technique.Endpoint!.Address.ToString(), "-t", "TCP_RR", "-l", "2", "-P", "0"]);
        gvisor.Technique.SutHostCpu.Seconds().Should().BeGreaterThan(before + 0.1, "the sandbox serving two seconds of TCP_RR is the technique's cost");
    }

    [SkippableFact(Timeout = 120_000)]
    public async Task GVisor_with_a_runsc_that_takes_every_namespace_for_the_root_one_is_unavailable_before_anything_starts()
    {
        await SkipWithoutEngineAsync();
        var noRunsc = await GVisorRuntime.UnavailableAsync(DockerEngine.Local, GVisorRuntime.HostNetwork, ownNetworkStack: false, default);
        Skip.If(noRunsc is not null, noRunsc);
        var sandboxesBefore = RunscProcesses();
        await using var gvisor = await TechniqueRun<GVisorFixture>.StartAsync(run => new GVisorFixture(run));
        var unavailable = await GVisorRuntime.UnavailableAsync(DockerEngine.Local, GVisorRuntime.Netstack, ownNetworkStack: true, default);
        Skip.If(unavailable is null, "this host's runsc runs gVisor's own network stack: GVisor runs here");

        gvisor.Technique.Unavailable.Should().Be(unavailable).And.Contain("rmem_default").And.Contain("release-20240801");
        RunscProcesses().Should().BeSubsetOf(sandboxesBefore, "no sandbox was started to find out");
    }

    [Theory]
    [InlineData("runsc version 0.0~20221219.0", 20221219)]
    [InlineData("runsc version release-20240807.0", 20240807)]
    [InlineData("runsc version unknown", 0)]
    public void A_runsc_version_line_gives_its_release_date(string line, int release) => GVisorRuntime.Release(line).Should().Be(release);

    private static async Task SkipWithoutEngineAsync()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        var noEngine = await DockerEngine.Local.PrepareAsync();
        Skip.If(noEngine is not null, noEngine);
    }

    private static async Task<int> ContainerPidAsync(TechniqueFixture technique) => int.Parse(
        (await Tool.RunAsync("docker", ["inspect", "--format", "{{.State.Pid}}", technique.Context["container"]])).StandardOutput.Trim(), CultureInfo.InvariantCulture);

    private static string NetworkNamespaceOf(int pid) => new FileInfo($"/proc/{pid}/ns/net").LinkTarget!;

    private static List<int> RunscProcesses() =>
        [.. UserProcesses.Of(_ => true).Where(pid => ProcessIdentity.CommandLine(pid) is [var program, ..] && program.StartsWith("runsc", StringComparison.Ordinal))];
}
