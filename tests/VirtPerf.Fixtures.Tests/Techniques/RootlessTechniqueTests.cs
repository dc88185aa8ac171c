using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Rootless;
using VirtPerf.Fixtures.Techniques.RootlessPasta;
using VirtPerf.Fixtures.Techniques.RootlessSlirp;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>The rootless techniques against real Podman, slirp4netns and pasta: they serve through their forwarder,
/// count its CPU, and leave no user, process or directory behind.</summary>
[Collection(HostWideCollection.Name)]
public sealed class RootlessTechniqueTests
{
    [SkippableFact(Timeout = 240_000)]
    public Task RootlessSlirp_serves_through_rootlessport_and_slirp4netns_counts_their_CPU_and_leaves_nothing() =>
        ServesCountsAndLeavesNothingAsync(run => new RootlessSlirpFixture(run), "slirp4netns", "rootlessport");

    [SkippableFact(Timeout = 240_000)]
    public Task RootlessPasta_serves_through_pasta_counts_its_CPU_and_leaves_nothing() =>
        ServesCountsAndLeavesNothingAsync(run => new RootlessPastaFixture(run), "pasta", carrier: null, "passt.avx2");

    /// <summary><paramref name="names"/>: what the forwarder's process may be called (pasta re-executes itself as its
    /// AVX2 build, passt.avx2, where the CPU has AVX2); <paramref name="carrier"/>: the process that carries the
    /// client's packets (Podman's rootlessport proxy for forwarded ports on slirp4netns), null for the forwarder itself.</summary>
    private static async Task ServesCountsAndLeavesNothingAsync<T>(Func<TestbedFixture, T> create, string forwarder, string? carrier, params string[] names)
        where T : RootlessFixture
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        RootlessUser user;
        int forwarderPid;
        await using (var rootless = await TechniqueRun<T>.StartAsync(create))
        {
            var technique = rootless.Technique;
            Skip.If(technique.Unavailable is not null, technique.Unavailable);
            technique.StartupError.Should().BeNull();
            user = technique.User!;
            forwarderPid = technique.ForwarderPid!.Value;
            (await File.ReadAllTextAsync($"/proc/{forwarderPid}/comm")).Trim().Should().BeOneOf([forwarder, .. names]);
            user.Name.Should().Be(technique.Context["user"]).And.StartWith($"vnp-{rootless.Run.RunId}-");
            (await ProjectUsers.Default.ListAsync(default)).Should().Contain(user.Name);

            var testbed = (LocalTestbed)rootless.Run.Testbed!;
            technique.Endpoint!.Address.Should().Be(testbed.HostAddress);
            await MemcachedProbe.ShouldServeAsync(technique.Endpoint, threads: Environment.ProcessorCount);

            var counter = technique.SutHostCpu!;
            List<int> carriers = carrier is null ? [forwarderPid] : [.. UserProcesses.Of(uid => uid == user.Uid).Where(pid => Comm(pid) == carrier)];
            carriers.Should().NotBeEmpty($"{carrier} runs as {user.Name}");
            carrier ??= forwarder;
            var (totalBefore, forwarderBefore) = (counter.Seconds(), ProcessTreeCpu.Seconds(carriers));
            var netperf = await Tool.RunAsync("ip", [
                "netns", "exec", testbed.ClientNamespace, "netperf", "-H", technique.Endpoint.Address.ToString(), "-t", "TCP_RR", "-l", "2",
                "--", "-P", $",{technique.Endpoint.NetperfDataPort}"]);
            var (totalGrowth, forwarderGrowth) = (counter.Seconds() - totalBefore, ProcessTreeCpu.Seconds(carriers) - forwarderBefore);

            netperf.StandardOutput.Should().Contain("TCP REQUEST/RESPONSE");
            forwarderGrowth.Should().BeGreaterThan(0, $"{carrier} carries every packet of the TCP_RR test");
            totalGrowth.Should().BeGreaterThanOrEqualTo(forwarderGrowth, $"the SUT host CPU counter includes {carrier}");
            totalGrowth.Should().BeGreaterThan(forwarderGrowth, "and the container's netserver");
        }

        (await Tool.RunAsync("getent", ["passwd", user.Name], allowFailure: true)).ExitCode.Should().NotBe(0, "the user is removed");
        (await ProjectUsers.Default.ListAsync(default)).Should().NotContain(user.Name);
        UserProcesses.Of(id => id == user.Uid || user.Subordinate.Contains(id)).Should().BeEmpty();
        ProcessIdentity.Of(forwarderPid).Should().BeNull($"{forwarder} is ended with its user");
        Directory.Exists(user.RuntimeDirectory).Should().BeFalse();
        Directory.Exists(user.Home).Should().BeFalse();
        (await Tool.RunAsync("getfacl", ["--omit-header", "--numeric", RootlessUser.TunDevice])).StandardOutput
            .Should().NotContain($"user:{user.Uid.ToString(CultureInfo.InvariantCulture)}:", "the user's /dev/net/tun entry goes with it");
    }

    private static string Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
