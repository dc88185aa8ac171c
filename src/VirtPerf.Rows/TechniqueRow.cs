using System.Collections.Concurrent;
using System.Globalization;
using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Rows;

/// <summary>
/// One row's life, the same for every technique and scenario: measure (bare metal alternately beside the technique,
/// or the technique alone against a stored baseline), judge, measure more while undecided, record a reference when
/// asked, write everything to the results folder. The suite's rows call <see cref="RunAsync"/> and only turn its
/// result into a pass, a failure or a skip (docs/architecture.md).
/// </summary>
/// <param name="technique">The technique's fixture, started for its class.</param>
/// <param name="results">The run's results folder.</param>
/// <param name="log">Progress and results, for the row's output.</param>
public sealed partial class TechniqueRow(TechniqueFixture technique, ResultsFolder results, Action<string> log)
{
    /// <summary>Each run's capacity SLO once its first capacity row has measured it (by run id): an application team
    /// has one SLO, so every technique's capacity answers the same question. Measured per row, the SLO followed the
    /// load at each row's start (337 to 4848 us in one run) and made the rows' capacities incomparable.</summary>
    private static readonly ConcurrentDictionary<string, SearchTarget> RunSlos = new();

    private bool IsBareMetal => technique.Technique == Techniques.BareMetal;

    /// <summary>Runs <paramref name="scenario"/> on the technique with the settings of the environment. A SUT that
    /// stops serving (a guest whose QEMU exits) ends the row at once, and every later row, naming why.</summary>
    public async Task<RowResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        var settings = PerfSettings.FromEnvironment();
        settings.CheckWritable();
        if (technique.Unavailable is not null)
        {
            return RowResult.Skipped($"{technique.Technique} cannot run here: {technique.Unavailable}");
        }

        if (technique.StartupError is not null)
        {
            var what = technique.StartupError == technique.Run.StartupError ? "the testbed" : technique.Technique;
            throw new InvalidOperationException($"{what} failed to start: {technique.StartupError.Message}", technique.StartupError);
        }

        if (technique.LostReason is { } lost)
        {
            throw new InvalidOperationException($"{technique.Technique}'s SUT stopped serving in an earlier row: {lost}");
        }

        if (NotRunnable(scenario) is { } notRunnable)
        {
            return RowResult.Skipped(notRunnable);
        }

        if (Scenarios.Capacity.Contains(scenario) && settings.Gate == GateMode.Stored && !IsBareMetal && settings.CapacitySlo is null)
        {
            return RowResult.Skipped(
                $"{scenario} takes its SLO from bare metal measured beside the technique; the stored mode has none: set VIRTPERF_CAPACITY_SLO=N:X (README, \"Capacity\").");
        }

        var testbed = await TestbedTools.FingerprintAsync(technique.Run);
        var runSlo = RunSlos.GetValueOrDefault(technique.Run.RunId);
        var row = new Row(scenario, settings, testbed, Workload.For(scenario, Client, settings.CapacitySlo ?? runSlo));
        using var served = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, technique.Lost);
        RowResult result;
        try
        {
            result = IsBareMetal ? await BareMetalAsync(row, served.Token)
                : settings.Gate == GateMode.Stored ? await StoredAsync(row, served.Token)
                : await PairedAsync(row, served.Token);
        }
        catch (Exception e) when (e is not BudgetException and not BaselineException)
        {
            // A guest that powers off because of the row's own load (an OSv program that exits) fails the workload a
            // moment before QEMU has exited: the loss gets two seconds to show.
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
        finally
        {
            if (runSlo is null && settings.CapacitySlo is null && row.Workload.CapacitySlo() is { } measured && RunSlos.TryAdd(technique.Run.RunId, measured))
            {
                log(string.Create(CultureInfo.InvariantCulture,
                    $"{scenario}: this run's SLO, for every capacity row: p99 <= {measured.LimitMicroseconds} us ({MemcachedDriver.SloMultiple} x bare metal's median p99 at {MemcachedDriver.LightQps}/s; VIRTPERF_CAPACITY_SLO fixes one)"));
            }
        }

        return results.Rescued is { } rescued ? throw new IOException(rescued) : result;
    }

    /// <summary>Bare metal's own rows: measured and written; recorded as the stored baseline when asked.</summary>
    private async Task<RowResult> BareMetalAsync(Row row, CancellationToken cancellationToken)
    {
        var store = new BaselineStore(row.Settings.BaselinesDirectory);
        var recording = row.Settings.Record == RecordMode.Replace
            || (row.Settings.Record == RecordMode.Missing && store.Load(row.Testbed, row.Scenario) is null);
        var profile = recording ? row.Reference : row.Settings.Profile;
        var sides = new EndpointSides(row.Workload.MeasureOn, profile, technique.Endpoint!, technique.SutHostCpu);
        var measurement = row.Build(technique, profile, await sides.MeasureAsync(Side.Technique, profile.Iterations, cancellationToken), technique.Endpoint!);
        log($"results: {results.Write(measurement, row.Settings)}");
        if (recording)
        {
            log($"recorded as this testbed's stored bare-metal baseline: {store.Record(measurement)}");
        }

        return new RowResult(measurement, [], null); // bare metal is the yardstick: measured and written, not judged
    }

    private string? NotRunnable(Scenario scenario)
    {
        var endpoint = technique.Endpoint!;
        var (server, port, unavailable) = Scenarios.SuiteOf(scenario) == Suite.Netperf
            ? ("netserver", endpoint.NetserverPort, new NetperfDriver(Client).Unavailable)
            : ("memcached", endpoint.MemcachedPort, new MemcachedDriver(Client).Unavailable);
        return unavailable
            ?? (port is null ? $"{technique.Technique}'s SUT runs no {server}: its command line does not start it (README, \"OSv images\": VIRTPERF_OSV_COMMAND)." : null);
    }

    private ClientHost Client => TestbedTools.ClientOf(technique.Run.Testbed!);
}
