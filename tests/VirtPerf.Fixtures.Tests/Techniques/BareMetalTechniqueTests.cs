using System.Globalization;
using FluentAssertions.Execution;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.BareMetal;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>The baseline technique: the payload on the host itself, at the host end of the cable.</summary>
[Collection(HostWideCollection.Name)]
public sealed class BareMetalTechniqueTests
{
    // The host's connection table, one line per tracked connection (conntrack(8); this process's network namespace).
    private const string ConntrackTable = "/proc/net/nf_conntrack";

    // netperf data ports (test-specific -P) that tell this test's connections from every other entry in the table.
    private const int ExemptDataPort = 12871;
    private const int TrackedDataPort = 12872;

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

    [SkippableFact(Timeout = 60_000)]
    public async Task The_cable_is_exempt_from_connection_tracking_while_it_runs_and_the_rules_are_gone_after_it_stops()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(!Tool.IsInstalled("iptables"), "iptables is not installed: run scripts/setup.sh");
        var bare = await TechniqueRun<BareMetalFixture>.StartAsync(run => new BareMetalFixture(run));
        try
        {
            bare.Technique.StartupError.Should().BeNull();
            var hostLink = ((LocalTestbed)bare.Run.Testbed!).HostLink;
            var comment = ResourceNames.For(bare.Run.RunId, BareMetalFixture.ExemptionRole);
            bare.Technique.Context.Should().Contain("conntrack", "exempt (raw NOTRACK on the cable)");
            (await ConntrackExemptions.Raw.ListAsync(default)).Should().Contain(comment);
            (await RawRulesAsync()).Should()
                .Contain($"-A PREROUTING -i {hostLink} -m comment --comment {comment} -j CT --notrack")
                .And.Contain($"-A OUTPUT -o {hostLink} -m comment --comment {comment} -j CT --notrack");

            await bare.Technique.DisposeAsync();

            (await RawRulesAsync()).Should().NotContain(
                rule => rule.Contains(comment, StringComparison.Ordinal), "the technique removes its exemption when it stops");
        }
        finally
        {
            await bare.Run.DisposeAsync();
        }
    }

    [SkippableFact(Timeout = 90_000)]
    public async Task Conntrack_counts_none_of_the_cables_connections_while_it_runs_and_counts_them_once_the_exemption_goes()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.If(!Tool.IsInstalled("iptables"), "iptables is not installed: run scripts/setup.sh");
        Skip.If(!File.Exists(ConntrackTable), "nf_conntrack is not loaded on this host: nothing tracks the cable's connections");
        await using var bare = await TechniqueRun<BareMetalFixture>.StartAsync(run => new BareMetalFixture(run));
        bare.Technique.StartupError.Should().BeNull();
        var testbed = (LocalTestbed)bare.Run.Testbed!;

        var exemptConnections = await ConnectRequestResponseAsync(bare, ExemptDataPort, connections: 3000);
        var exemptEntries = await TrackedAsync(testbed.HostAddress.ToString(), ExemptDataPort);
        var clientCount = (await Tool.RunAsync(
            "ip", ["netns", "exec", testbed.ClientNamespace, "cat", "/proc/sys/net/netfilter/nf_conntrack_count"])).StandardOutput.Trim();

        await ConntrackExemptions.Raw.RemoveAsync(ResourceNames.For(bare.Run.RunId, BareMetalFixture.ExemptionRole), default);
        await ConnectRequestResponseAsync(bare, TrackedDataPort, connections: 20);
        var trackedEntries = await TrackedAsync(testbed.HostAddress.ToString(), TrackedDataPort);

        Skip.If(
            trackedEntries == 0,
            "this host tracks no connections on the cable even without the exemption (nothing uses conntrack here, "
            + "e.g. no dockerd iptables rules): nothing to exempt");
        using (new AssertionScope())
        {
            exemptConnections.Should().Be(3000, "netperf made its 3000 connections across the exempt cable");
            exemptEntries.Should().Be(0, "the raw-table NOTRACK rules keep the cable's connections out of the host's table");
            clientCount.Should().Be("0", "the client namespace has no rules that use conntrack, so it needs no exemption");
            trackedEntries.Should().BeGreaterThanOrEqualTo(20, "without the exemption the host tracks each connection");
        }
    }

    // -l -N: a run of N transactions, not a time (netperf manual, Global Options); TCP_CRR opens one connection for
    // each and sends its one-byte request in one call, so LOCAL_SEND_CALLS counts the connections it made.
    private static async Task<long> ConnectRequestResponseAsync(TechniqueRun<BareMetalFixture> bare, int dataPort, int connections)
    {
        const string Calls = "LOCAL_SEND_CALLS";
        var testbed = (LocalTestbed)bare.Run.Testbed!;
        var run = await Tool.RunAsync(
            "ip",
            [
                "netns", "exec", testbed.ClientNamespace, "netperf", "-H", testbed.HostAddress.ToString(),
                "-p", bare.Technique.Endpoint!.NetserverPort!.Value.ToString(CultureInfo.InvariantCulture), "-t", "TCP_CRR",
                "-l", $"-{connections}", "--", "-r", "1,1", "-P", $",{dataPort}", "-k", Calls,
            ]);
        // -k prints each selector as KEY=VALUE on its own line (netperf manual, Omni Output Selection).
        var line = run.StandardOutput.Split('\n').Single(l => l.StartsWith(Calls + "=", StringComparison.Ordinal));
        return long.Parse(line[(Calls.Length + 1)..], CultureInfo.InvariantCulture);
    }

    // The original direction's destination and port: the first dst= and dport= of a line.
    private static async Task<int> TrackedAsync(string hostAddress, int dataPort) =>
        (await File.ReadAllLinesAsync(ConntrackTable))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.FirstOrDefault(f => f.StartsWith("dst=", StringComparison.Ordinal)) == $"dst={hostAddress}"
                && fields.FirstOrDefault(f => f.StartsWith("dport=", StringComparison.Ordinal)) == $"dport={dataPort}");

    private static async Task<IReadOnlyList<string>> RawRulesAsync() =>
        (await Tool.RunAsync("iptables", ["-t", "raw", "-S"])).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
