using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.BareMetal;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>The baseline technique: the payload on the host itself, at the host end of the cable.</summary>
[Collection(HostWideCollection.Name)]
public sealed class BareMetalTechniqueTests
{
    [SkippableFact(Timeout = 60_000)]
    public async Task Memcached_serves_at_the_endpoint_with_the_study_settings_and_is_gone_after_dispose()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        StartedProcess memcached;
        await using (var bare = await TechniqueRun<BareMetalFixture>.StartAsync(run => new BareMetalFixture(run)))
        {
            bare.Technique.StartupError.Should().BeNull();
            var endpoint = bare.Technique.Endpoint!;
            endpoint.Address.Should().Be(bare.Run.Testbed!.HostAddress);
            endpoint.MemcachedPort.Should().Be(11211);

            await MemcachedProbe.ShouldServeAsync(endpoint, threads: Environment.ProcessorCount);

            memcached = bare.Run.Registry.Find(bare.Run.RunId)!.Processes.Should()
                .ContainSingle(p => p.CommandLine.StartsWith("memcached ", StringComparison.Ordinal)).Subject;
            memcached.CommandLine.Should().Be(
                $"memcached -m 64 -c 1024 -t {Environment.ProcessorCount} -p 11211 -U 0 -l {endpoint.Address}"
                + (Environment.IsPrivilegedProcess ? " -u nobody" : ""));
            memcached.Process.IsAlive.Should().BeTrue();
        }

        memcached.Process.IsAlive.Should().BeFalse("the technique stops the memcached it started");
    }
}
