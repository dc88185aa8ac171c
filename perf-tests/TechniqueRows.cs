using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;
using VirtPerf.Workloads.Netperf;
using VirtPerf.Xunit;

namespace VirtPerf.PerfTests;

/// <summary>
/// The scenario rows every technique class inherits: one row per scenario, measured on the technique's SUT, written
/// to the run's results folder and, for every technique but bare metal, judged against the stored bare-metal
/// baseline and its budget (and against its last accepted measurement, when one is stored). The concrete class
/// carries the <c>[Technique]</c> trait.
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
        var driver = new NetperfDriver(Client);
        Skip.If(driver.Unavailable is not null, driver.Unavailable);
        Skip.If(endpoint.NetserverPort is null, NotServed("netserver"));
        NetperfTarget Target(SutEndpoint sut) => new(sut.Address.ToString(), sut.NetserverPort!.Value, sut.NetperfDataPort, sut.ReportsCpu);

        await WhileServedAsync(() => MeasureAndJudgeAsync(
            scenario,
            endpoint,
            (sut, profile, cpu) => driver.MeasureAsync(scenario, Target(sut), profile, Progress, cpu, technique.Lost),
            (sut, profile) => driver.CommandLine(scenario, Target(sut), profile.IterationSeconds)));
    }

    /// <summary>One memcached scenario (thesis Table 6) on this technique, under the built-in Mutilate-style load.</summary>
    [ScenarioTheory]
    [ScenarioData(Suite.Memcached)]
    public async Task Memcached(Scenario scenario)
    {
        var endpoint = Ready();
        var driver = new MemcachedDriver(Client);
        Skip.If(driver.Unavailable is not null, driver.Unavailable);
        Skip.If(endpoint.MemcachedPort is null, NotServed("memcached"));

        await WhileServedAsync(() => MeasureAndJudgeAsync(
            scenario,
            endpoint,
            (sut, profile, cpu) => driver.MeasureAsync(scenario, sut.Address.ToString(), sut.MemcachedPort!.Value, profile, Progress, cpu, technique.Lost),
            (sut, profile) => driver.CommandLine(scenario, sut.Address.ToString(), sut.MemcachedPort!.Value, profile)));
    }

    private ClientHost Client => TestbedTools.ClientOf(technique.Run.Testbed!);

    private RowProgress Progress => new(technique.Run, output, technique.Technique);

    private bool IsBareMetal => technique.Technique == VirtPerf.Workloads.Techniques.BareMetal;

    private string NotServed(string server) =>
        $"{technique.Technique}'s SUT runs no {server}: its command line does not start it (README, \"OSv images\": VIRTPERF_OSV_COMMAND).";

    /// <summary>Runs <paramref name="row"/>; when it fails (or is cancelled) because the SUT stopped serving meanwhile,
    /// the row fails naming why. A failure gets two seconds for the loss to show: a guest that powers off because of
    /// the row's own load (an OSv netserver that exits) fails netperf a moment before QEMU has exited.</summary>
    private async Task WhileServedAsync(Func<Task> row)
    {
        try
        {
            await row();
        }
        catch (Exception e) when (e is not SkipException and not global::Xunit.Sdk.XunitException) // a verdict needs no wait
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), technique.Lost);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"{technique.Technique}'s SUT stopped serving during the row: {technique.LostReason}", e);
            }

            throw;
        }
    }

    /// <summary>Measures the profile's iterations; while the budget verdict is undecided and the profile allows,
    /// measures more (the adaptive profile); writes the measurement and its verdicts; records references when asked;
    /// then asserts the gate. In the paired mode, bare metal is measured alternately in the row instead.</summary>
    private async Task MeasureAndJudgeAsync(
        Scenario scenario, SutEndpoint endpoint, MeasureOn measureOn, Func<SutEndpoint, Profile, string> commandLineOn)
    {
        var settings = PerfSettings.FromEnvironment();
        if (settings.Paired && !IsBareMetal)
        {
            await MeasurePairedAsync(scenario, endpoint, measureOn, commandLineOn, settings);
            return;
        }

        var testbed = await TestbedTools.FingerprintAsync(technique.Run);
        var store = new BaselineStore(settings.BaselinesDirectory);
        var recording = settings.Record == RecordMode.Replace
            || (settings.Record == RecordMode.Missing && IsBareMetal && store.Load(testbed, scenario) is null);

        // A reference is measured once and compared with many times: it takes the profile's reference iterations.
        var profile = recording
            ? settings.Profile with { Name = $"{settings.Profile.Name}+reference", Iterations = settings.Profile.ReferenceIterations }
            : settings.Profile;
        Task<IReadOnlyList<Iteration>> measure(Profile p) => measureOn(endpoint, p, technique.SutHostCpu);
        string commandLine(Profile p) => commandLineOn(endpoint, p);
        var measurement = Build(scenario, profile, testbed, await measure(profile), commandLine(profile));

        var gated = !IsBareMetal && settings.Record != RecordMode.Replace;
        var budgets = gated ? OverheadBudgets.Load(settings.BudgetsFile) : null;
        var reference = gated ? store.LoadFor(testbed, scenario, settings.BaselineFrom) : null;
        IReadOnlyList<Verdict> verdicts = [];
        if (budgets is not null && reference is { } baseline)
        {
            // The budget verdict, and the regression verdict when an accepted measurement is stored; the adaptive
            // profile measures more while either is undecided.
            var accepted = store.Load(testbed, scenario, technique.Technique)?.Measurement;
            verdicts = await AdaptAsync(
                () => accepted is null
                    ? [OverheadGate.AgainstBudget(measurement, baseline.Baseline.Measurement, budgets, note: baseline.Note)]
                    : [OverheadGate.AgainstBudget(measurement, baseline.Baseline.Measurement, budgets, note: baseline.Note),
                       OverheadGate.AgainstAccepted(measurement, accepted, budgets)],
                () => measurement.Iterations.Count,
                profile,
                async more => measurement = Build(
                    scenario, profile, testbed, [.. measurement.Iterations, .. await measure(profile with { Iterations = more })], commandLine(profile)));
        }

        output.WriteLine($"results: {results.Write(measurement, settings)}");
        if (verdicts.Count > 0)
        {
            output.WriteLine($"verdicts: {results.Write(measurement, verdicts, settings)}");
        }

        if (recording)
        {
            output.WriteLine($"{(IsBareMetal ? "baseline" : "accepted measurement")} recorded: {store.Record(measurement)}");
            return;
        }

        Skip.If(gated && reference is null,
            $"measured and written, but not judged: no {scenario} baseline for testbed {testbed.Id}. Record one with "
            + "VIRTPERF_RECORD_BASELINE=1 dotnet test perf-tests --filter Technique=BareMetal (scripts/perf.sh does this on a testbed's first run).");
        foreach (var verdict in verdicts)
        {
            Report(verdict);
            measurement.Should().Pass(verdict);
        }
    }

    /// <summary>The paired mode: bare metal (on its own ports, started for this row) and the technique alternately,
    /// one iteration each, the order swapping every pair, so drift over the row hits both alike; the verdict compares
    /// the two; the adaptive profile adds pairs while undecided.</summary>
    private async Task MeasurePairedAsync(
        Scenario scenario, SutEndpoint endpoint, MeasureOn measureOn, Func<SutEndpoint, Profile, string> commandLineOn,
        PerfSettings settings)
    {
        var profile = settings.Profile;
        var testbed = await TestbedTools.FingerprintAsync(technique.Run);
        var budgets = OverheadBudgets.Load(settings.BudgetsFile);
        await using var bare = await PairedBareMetal.StartAsync(technique.Run);
        var one = profile with { Iterations = 1 };
        var (onTechnique, onBare) = (new List<Iteration>(), new List<Iteration>());
        async Task PairsAsync(int pairs)
        {
            for (var i = 0; i < pairs; i++)
            {
                var bareFirst = (onTechnique.Count + i) % 2 == 0;
                onBare.AddRange(bareFirst ? await measureOn(bare.Endpoint, one, null) : []);
                onTechnique.AddRange(await measureOn(endpoint, one, technique.SutHostCpu));
                onBare.AddRange(bareFirst ? [] : await measureOn(bare.Endpoint, one, null));
            }
        }

        Measurement Technique() => Build(scenario, profile, testbed, onTechnique, commandLineOn(endpoint, profile));
        Measurement Bare() => Build(scenario, profile, testbed, onBare, commandLineOn(bare.Endpoint, profile))
            with { Technique = VirtPerf.Workloads.Techniques.BareMetal };
        Verdict Judge() => OverheadGate.AgainstBudget(Technique(), Bare(), budgets, note: "paired: bare metal measured alternately in the same row");
        await PairsAsync(profile.Iterations);
        var verdict = (await AdaptAsync(() => [Judge()], () => onTechnique.Count, profile, PairsAsync)).Single();
        var measurement = Technique();
        output.WriteLine($"results: {results.Write(measurement, settings)}");
        output.WriteLine($"paired bare metal: {results.WritePaired(measurement, Bare(), settings)}");
        output.WriteLine($"verdicts: {results.Write(measurement, [verdict], settings)}");
        Report(verdict);
        measurement.Should().Pass(verdict);
    }

    /// <summary>The adaptive rule: while a verdict of <paramref name="judge"/> is undecided and the profile allows,
    /// measure more and judge again; verdicts still undecided are flagged as thin evidence.</summary>
    private async Task<IReadOnlyList<Verdict>> AdaptAsync(
        Func<IReadOnlyList<Verdict>> judge, Func<int> iterations, Profile profile, Func<int, Task> measureMore)
    {
        var verdicts = judge();
        int More() => verdicts.Max(v => Adaptive.MoreIterations(v, iterations(), profile));
        for (var more = More(); more > 0; more = More())
        {
            output.WriteLine($"undecided after {iterations()} iterations: measuring {more} more");
            await measureMore(more);
            verdicts = judge();
        }

        return verdicts.Select(Adaptive.Final).ToList();
    }

    private void Report(Verdict verdict)
    {
        output.WriteLine($"{verdict.Kind} verdict: {verdict.Outcome}{(verdict.ThinEvidence ? " (thin evidence: still undecided at the profile's most iterations; warns only)" : "")}");
        foreach (var metric in verdict.Metrics)
        {
            output.WriteLine($"  {metric}");
        }

        if (verdict.Note is not null)
        {
            output.WriteLine($"  note: {verdict.Note}");
        }
    }

    private Measurement Build(
        Scenario scenario, Profile profile, TestbedFingerprint testbed, IReadOnlyList<Iteration> iterations, string command)
    {
        var run = technique.Run;
        return new Measurement
        {
            Technique = technique.Technique,
            Scenario = scenario,
            RunId = run.RunId,
            Testbed = testbed,
            Profile = profile,
            Started = iterations[0].Started,
            Finished = DateTimeOffset.UtcNow,
            Iterations = iterations.Select((iteration, index) => iteration with { Index = index }).ToList(),
            Context = new Dictionary<string, string>(technique.Context)
            {
                ["host"] = run.Testbed!.Sut.Facts.HostName,
                ["command"] = command,
            },
        };
    }

    private SutEndpoint Ready()
    {
        Skip.If(technique.Unavailable is not null, $"{technique.Technique} cannot run here: {technique.Unavailable}");
        if (technique.StartupError is not null)
        {
            var what = technique.StartupError == technique.Run.StartupError ? "the testbed" : technique.Technique;
            throw new InvalidOperationException($"{what} failed to start: {technique.StartupError.Message}", technique.StartupError);
        }

        if (technique.LostReason is { } lost)
        {
            throw new InvalidOperationException($"{technique.Technique}'s SUT stopped serving in an earlier row: {lost}");
        }

        return technique.Endpoint!;
    }

    /// <summary>Measures <paramref name="profile"/>'s iterations on <paramref name="sut"/>, reading the SUT's host CPU
    /// with <paramref name="sutHostCpu"/> when given.</summary>
    private delegate Task<IReadOnlyList<Iteration>> MeasureOn(SutEndpoint sut, Profile profile, SutHostCpuCounter? sutHostCpu);
}
