using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.PerfTests;

/// <summary>The testbed fingerprint of every row: the host's facts and both workload tools' versions, so the
/// netperf and memcached rows of one testbed share one fingerprint id (and one baselines folder).</summary>
internal static class TestbedTools
{
    private static Task<IReadOnlyDictionary<string, string>>? _versions;

    public static async Task<TestbedFingerprint> FingerprintAsync(TestbedFixture run) => new(
        LocalTestbed.Kind, run.Host.CpuModel, run.Host.Cores, run.Host.Kernel, await (_versions ??= VersionsAsync()));

    private static async Task<IReadOnlyDictionary<string, string>> VersionsAsync() => new Dictionary<string, string>
    {
        ["netperf"] = Tool.IsInstalled(NetperfDriver.DefaultExecutable) ? await new NetperfDriver(ClientHost.Local).VersionAsync() : "(not installed)",
        ["memcached"] = Tool.IsInstalled("memcached") ? await MemcachedServer.VersionAsync() : "(not installed)",
    };
}
