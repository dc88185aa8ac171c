using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Rows;

/// <summary>A scenario's driver, bound to the scenario: how to measure an endpoint and the command line it uses.</summary>
/// <param name="MeasureOn">Measures iterations on an endpoint.</param>
/// <param name="CommandLine">The command line one measurement of an endpoint uses, for results and messages.</param>
/// <param name="CapacitySlo">A capacity scenario's SLO, given or measured by the first measurement; null before that
/// and for every other scenario.</param>
public sealed record Workload(MeasureOn MeasureOn, Func<SutEndpoint, Profile, string> CommandLine, Func<SearchTarget?> CapacitySlo)
{
    /// <summary>The driver of <paramref name="scenario"/>, run on <paramref name="client"/>: netperf, or the memcached
    /// load generator, which loads its keys on a side's first run only. Drivers report no progress of their own: a
    /// row reports its pairs and batches.</summary>
    public static Workload For(Scenario scenario, ClientHost client, SearchTarget? capacitySlo = null)
    {
        if (Scenarios.SuiteOf(scenario) == Suite.Netperf)
        {
            var netperf = new NetperfDriver(client);
            NetperfTarget Target(SutEndpoint sut) =>
                new(sut.Address.ToString(), sut.NetserverPort!.Value, sut.NetperfDataPort, sut.ReportsCpu, sut.NetperfDataOnAddress);
            return new Workload(
                (sut, profile, _, cpu, token) => netperf.MeasureAsync(scenario, Target(sut), profile, null, cpu, token),
                (sut, profile) => netperf.CommandLine(scenario, Target(sut), profile.IterationSeconds),
                () => null);
        }

        var memcached = new MemcachedDriver(client, capacitySlo: capacitySlo);
        return new Workload(
            (sut, profile, first, cpu, token) => memcached.MeasureAsync(
                scenario, sut.Address.ToString(), sut.MemcachedPort!.Value, profile, null, cpu, loadKeys: first, token),
            (sut, profile) => memcached.CommandLine(scenario, sut.Address.ToString(), sut.MemcachedPort!.Value, profile),
            () => memcached.CapacitySlo);
    }
}
