using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Rows;

/// <summary>The testbed fingerprint of every row: the SUT host's facts and both workload tools' versions, so the
/// netperf and memcached rows of one testbed share one fingerprint id (and one baselines folder); on a two-host
/// testbed also the SUT host's name, the client host and the link.</summary>
public static class TestbedTools
{
    private static Task<TestbedFingerprint>? _fingerprint;

    /// <summary>The fingerprint of <paramref name="run"/>'s testbed, described once per process.</summary>
    public static Task<TestbedFingerprint> FingerprintAsync(TestbedFixture run) => _fingerprint ??= Describe(run.Testbed!);

    /// <summary>Where the run's load generators run.</summary>
    public static ClientHost ClientOf(Testbed testbed) =>
        testbed.ClientNamespace is { } name ? ClientHost.InNamespace(name) : ClientHost.Local;

    private static async Task<TestbedFingerprint> Describe(Testbed testbed)
    {
        var sut = testbed.Sut.Facts;
        var tools = new Dictionary<string, string>
        {
            ["netperf"] = Tool.IsInstalled(NetperfDriver.DefaultExecutable) ? await new NetperfDriver(ClientHost.Local).VersionAsync() : "(not installed)",
            ["memcached"] = await testbed.Sut.IsInstalledAsync("memcached") ? await MemcachedServer.VersionAsync(testbed.Sut) : "(not installed)",
        };
        var fingerprint = new TestbedFingerprint(testbed.Kind, sut.CpuModel, sut.Cores, sut.Kernel, tools);
        if (testbed.Link is null)
        {
            return fingerprint;
        }

        var client = HostFacts.Local();
        return fingerprint with
        {
            SutHost = sut.HostName,
            Client = string.Create(CultureInfo.InvariantCulture, $"{client.HostName}: {client.CpuModel}, {client.Cores} CPUs, kernel {client.Kernel}"),
            Link = testbed.Link,
        };
    }
}
