using VirtPerf.Assertions.Baselines;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Techniques.BareMetal;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;
using VirtPerf.Workloads.Netperf;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests;

/// <summary>
/// The scenario rows every technique class inherits: one row per scenario, measured on the technique's SUT and
/// written to the run's results folder. The concrete class carries the <c>[Technique]</c> trait.
/// </summary>
[Collection(PerfRunCollection.Name)]
public abstract class TechniqueRows<TTechnique>(TTechnique technique, ResultsFolder results, ITestOutputHelper output)
    where TTechnique : TechniqueFixture
{
    /// <summary>One netperf scenario (thesis Table 5) on this technique.</summary>
    [ScenarioTheory]
    [ScenarioData(Suite.Netperf)]
    public async Task Netperf(Scenario scenario)
    {
        var endpoint = Ready();
        var settings = PerfSettings.FromEnvironment();
        var driver = new NetperfDriver(Client);
        Skip.If(driver.Unavailable is not null, driver.Unavailable);
        Skip.If(endpoint.NetserverPort is null, NotServed("netserver"));
        var target = new NetperfTarget(endpoint.Address.ToString(), endpoint.NetserverPort!.Value, endpoint.NetperfDataPort);

        var iterations = await driver.MeasureAsync(scenario, target, settings.Profile, Progress, technique.SutHostCpuSeconds);
        Write(scenario, settings, iterations, ("netperf", await driver.VersionAsync()),
            driver.CommandLine(scenario, target, settings.Profile.IterationSeconds));
    }

    /// <summary>One memcached scenario (thesis Table 6) on this technique, under the built-in Mutilate-style load.</summary>
    [ScenarioTheory]
    [ScenarioData(Suite.Memcached)]
    public async Task Memcached(Scenario scenario)
    {
        var endpoint = Ready();
        var settings = PerfSettings.FromEnvironment();
        var driver = new MemcachedDriver(Client);
        Skip.If(driver.Unavailable is not null, driver.Unavailable);
        Skip.If(endpoint.MemcachedPort is null, NotServed("memcached"));
        var port = endpoint.MemcachedPort!.Value;
        var server = endpoint.Address.ToString();

        var iterations = await driver.MeasureAsync(
            scenario, server, port, settings.Profile, Progress, technique.SutHostCpuSeconds);
        Write(scenario, settings, iterations, ("memcached", await MemcachedServer.VersionAsync()),
            driver.CommandLine(scenario, server, port, settings.Profile));
    }

    private string NotServed(string server) =>
        $"{technique.Technique}'s SUT runs no {server}: it runs one application (README, OSv: VIRTPERF_OSV_COMMAND).";

    private ClientHost Client => ClientHost.InNamespace(technique.Run.Testbed!.ClientNamespace);

    private RowProgress Progress => new(technique.Run, output, technique.Technique);

    private void Write(
        Scenario scenario, PerfSettings settings, IReadOnlyList<Iteration> iterations, (string Name, string Version) tool, string command)
    {
        var run = technique.Run;
        var measurement = new Measurement
        {
            Technique = technique.Technique,
            Scenario = scenario,
            RunId = run.RunId,
            Testbed = new TestbedFingerprint(
                LocalTestbed.Kind,
                run.Host.CpuModel,
                run.Host.Cores,
                run.Host.Kernel,
                new Dictionary<string, string> { [tool.Name] = tool.Version }),
            Profile = settings.Profile,
            Started = iterations[0].Started,
            Finished = DateTimeOffset.UtcNow,
            Iterations = iterations,
            Context = new Dictionary<string, string>(technique.Context)
            {
                ["host"] = run.Host.HostName,
                ["command"] = command,
            },
        };

        output.WriteLine($"results: {results.Write(measurement, settings.ResultsDirectory)}");
        if (settings.RecordBaseline && technique.Technique == BareMetalFixture.Name)
        {
            output.WriteLine($"baseline recorded: {new BaselineStore(settings.BaselinesDirectory).Record(measurement)}");
        }
    }

    private SutEndpoint Ready()
    {
        Skip.If(technique.Unavailable is not null, $"{technique.Technique} cannot run here: {technique.Unavailable}");
        if (technique.StartupError is not null)
        {
            throw new InvalidOperationException(
                $"{technique.Technique} failed to start: {technique.StartupError.Message}", technique.StartupError);
        }

        return technique.Endpoint!;
    }
}
