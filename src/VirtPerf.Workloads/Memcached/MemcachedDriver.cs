using System.Globalization;
using System.Text.Json;
using VirtPerf.Cli;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Runs the load generator's entry point (VirtPerf.Mutilate) on the client host against a memcached and turns its
/// JSON lines into iterations, as <see cref="Netperf.NetperfDriver"/> does for netperf. One process per scenario:
/// the load phase, the warm-up and every iteration share its connections, as in one Mutilate run.
/// </summary>
/// <param name="client">Where the generator runs (the testbed's client namespace).</param>
/// <param name="generator">The generator's assembly; by default <see cref="DefaultGenerator"/>.</param>
/// <param name="capacitySlo">The SLO a capacity scenario searches for; when null, <see cref="SloMultiple"/> times the
/// 99th percentile of the first endpoint this driver measures under a light load (a paired row's bare metal, which it
/// measures first), kept for the driver's life so both sides of a row share it (<see cref="CapacitySlo"/>).</param>
public sealed class MemcachedDriver(ClientHost client, string? generator = null, SearchTarget? capacitySlo = null)
{
    /// <summary>The capacity SLO unless settings fix one: the 99th percentile under 10 times bare metal's at a light
    /// load (<see cref="LightQps"/> over the search's connections, open loop): a capacity is where queueing makes the
    /// tail ten times what a light load sees. Not 3 times: a 1-s point's p99 at 10-60k requests/s on this 2-core host
    /// is set by scheduling stalls, and on a quiet machine the share of bare metal's points under 3x (356 us) slid
    /// from 80% at 5.6k/s to 16% at 56k/s with no knee, so the capacity was wherever a stall fell; under about 10x
    /// (1 ms) it stayed at 72-97% up to 56k/s and fell to 37% at 100k/s, near the closed loop's 128k/s: a knee a
    /// search finds (capacity-points.csv of a Capacity run, 2026-11-30). Light, not closed-loop: on this 2-core host
    /// an open loop's p99 at a few thousand requests/s (threads sleep and wake between requests) is 2-3 times the
    /// closed loop's at its peak, so an SLO taken from the closed loop was met by bare metal at no open-loop rate; and
    /// an absolute SLO (Mutilate's example, 500 us) does not fit a testbed whose light-load p99 moves from 0.1 to 0.6
    /// ms with its neighbours' load.</summary>
    public const double SloMultiple = 10;

    /// <summary>The light load the default SLO is measured at, in requests/s over all the search's connections.</summary>
    public const double LightQps = 1000;

    /// <summary>Light-load iterations the default SLO is the median of: a 2-second iteration's p99 at a light load is
    /// the 20th slowest of 2000 requests, and one scheduling stall moves it several times over.</summary>
    public const int LightIterations = 3;

    private SearchTarget? _slo = capacitySlo;

    /// <summary>The capacity SLO: given, or measured by the first capacity measurement; null before that.</summary>
    public SearchTarget? CapacitySlo => _slo;

    /// <summary>Connections of a capacity search (Mutilate's <c>-c</c>).</summary>
    public const int CapacityConnections = 4;

    /// <summary>Requests in flight per connection of a capacity search (Mutilate's <c>-d</c>): with
    /// <see cref="CapacityConnections"/>, enough to push bare metal's memcached past the SLO in the closed loop.</summary>
    public const int CapacityDepth = 4;

    /// <summary>How much longer than its iterations a run may take (connect, load phase, start-up) before it is cancelled.</summary>
    public static readonly TimeSpan TimeoutGrace = TimeSpan.FromSeconds(60);

    /// <summary>The generator a project that runs it carries: a Release build in generator/ of its output, whatever
    /// configuration the project is built in (RunsLoadGenerator in Directory.Build.targets; issue 17 item 6).</summary>
    public static string DefaultGenerator { get; } = Path.Combine(AppContext.BaseDirectory, "generator", "VirtPerf.Mutilate.dll");

    private readonly string _generator = generator ?? DefaultGenerator;

    /// <summary>Why this driver cannot run here (the generator or the dotnet host missing, with the fix), or null.</summary>
    public string? Unavailable =>
        !File.Exists(_generator)
            ? $"the load generator {_generator} is missing: build the project that runs it again (e.g. dotnet build perf-tests); its "
                + "<RunsLoadGenerator>true</RunsLoadGenerator> puts a Release build of src/VirtPerf.Mutilate there (Directory.Build.targets)."
        : DotnetHost is null ? "the dotnet host is not on PATH (nor in DOTNET_HOST_PATH): install the .NET SDK."
        : null;

    private static string? DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : Tool.Locate("dotnet");

    /// <summary>The study's Mutilate settings for <paramref name="scenario"/> (thesis Table 6): 1 connection, no
    /// pipelining, closed loop, fb_key, fb_value and fb_ia (given here: the generator's defaults are Mutilate's own),
    /// 10000 records; updates run without a load phase; a capacity search runs the Mixed load on
    /// <see cref="CapacityConnections"/> connections of <see cref="CapacityDepth"/> in flight.</summary>
    public static (LoadOptions Options, bool LoadPhase) Settings(Scenario scenario, string server, int port)
    {
        var study = new LoadOptions { Servers = [new(server, port)], KeySize = "fb_key", ValueSize = "fb_value", InterArrival = "fb_ia" };
        return scenario switch
        {
            Scenario.MemcachedUpdate => (study with { UpdateRatio = 1.0 }, false),
            Scenario.MemcachedRead => (study with { UpdateRatio = 0.0 }, true),
            Scenario.MemcachedMixed => (study with { UpdateRatio = 0.03 }, true),
            Scenario.MemcachedCapacity => (study with { UpdateRatio = 0.03, Connections = CapacityConnections, Depth = CapacityDepth }, true),
            _ => throw new ArgumentException($"{scenario} is not a memcached scenario.", nameof(scenario)),
        };
    }

    /// <summary>The command line a measurement of <paramref name="scenario"/> uses, for results and messages.</summary>
    public string CommandLine(Scenario scenario, string server, int port, Profile profile)
    {
        var (tool, arguments) = Command(scenario, server, port, profile, loadKeys: true);
        return Cli.CommandLine.Format(tool, arguments);
    }

    /// <summary>The load phase (Read, Mixed; unless <paramref name="loadKeys"/> is false because an earlier run of
    /// this row loaded them), a warm-up (discarded), then the profile's iterations; reports each figure as it comes.
    /// <paramref name="sutHostCpu"/>, when given, is read around each iteration for <see cref="Metric.SutHostCpu"/>.</summary>
    public async Task<IReadOnlyList<Iteration>> MeasureAsync(
        Scenario scenario, string server, int port, Profile profile, IProgress<string>? progress = null,
        SutHostCpuCounter? sutHostCpu = null, bool loadKeys = true, CancellationToken cancellationToken = default)
    {
        if (Scenarios.Capacity.Contains(scenario) && _slo is null)
        {
            var light = await RunAsync(scenario, server, port, new Profile("light", LightIterations, 2, 0), null, null, loadKeys, LightQps, cancellationToken);
            var p99 = light.Select(i => i.Metrics[Metric.LatencyP99]).Order().ElementAt(light.Count / 2);
            _slo = new SearchTarget(99, Math.Round(SloMultiple * p99));
            progress?.Report(Invariant($"{scenario}: SLO p99 <= {_slo.LimitMicroseconds} us ({SloMultiple} x the median p99 of {server}:{port} at {LightQps}/s)"));
            loadKeys = false;
        }

        return await RunAsync(scenario, server, port, profile, progress, sutHostCpu, loadKeys, null, cancellationToken);
    }

    /// <summary>One run of the generator: <paramref name="scenario"/>'s settings, open loop at
    /// <paramref name="lightQps"/> without a search when given.</summary>
    private async Task<IReadOnlyList<Iteration>> RunAsync(
        Scenario scenario, string server, int port, Profile profile, IProgress<string>? progress, SutHostCpuCounter? sutHostCpu,
        bool loadKeys, double? lightQps, CancellationToken cancellationToken)
    {
        var (tool, arguments) = Command(scenario, server, port, profile, loadKeys, lightQps);
        var commandLine = Cli.CommandLine.Format(tool, arguments);
        if (Unavailable is { } missing)
        {
            throw new ToolException($"{missing}\n  command: {commandLine}");
        }

        var iterations = new List<Iteration>();
        var points = new List<LoadPoint>();
        var (started, cpuBefore) = (DateTimeOffset.UtcNow, (double?)null);
        void OnLine(string line)
        {
            var e = LoadEvent.Parse(line);
            switch (e.Kind)
            {
                case LoadEventKind.Loaded:
                    progress?.Report(Invariant($"{scenario}: loaded {e.Result!.Sets:N0} keys in {e.Result.Seconds:0.00} s"));
                    break;
                case LoadEventKind.WarmedUp:
                    progress?.Report($"{scenario}: warm-up {profile.WarmUpSeconds} s done");
                    break;
                case LoadEventKind.Started:
                    (started, cpuBefore) = (DateTimeOffset.UtcNow, sutHostCpu?.Seconds());
                    break;
                case LoadEventKind.Measured:
                    var result = e.Result!;
                    var metrics = new Dictionary<Metric, double>(result.ToMetrics());
                    if (cpuBefore is { } before)
                    {
                        sutHostCpu!.AddTo(metrics, before, result.Seconds);
                    }

                    iterations.Add(result.ToIteration(iterations.Count, started, metrics));
                    progress?.Report(Invariant(
                        $"{scenario}: iteration {iterations.Count} of {profile.Iterations}: {result.Qps:N0} requests/s, p50 {result.Latency?.P50:0.0} us, p99 {result.Latency?.P99:0} us, misses {result.Misses}"));
                    break;
                case LoadEventKind.Probe:
                    var point = e.Result!.Measured;
                    points.Add(new LoadPoint(e.TargetQps!.Value, e.Result.Qps, point?.P50 ?? double.PositiveInfinity, point?.P99 ?? double.PositiveInfinity));
                    progress?.Report(Invariant(
                        $"{scenario}: offered {e.TargetQps:N0}/s: served {e.Result.Qps:N0}/s, p50 {point?.P50:0} us, p99 {point?.P99:0} us"));
                    break;
                case LoadEventKind.Capacity:
                    iterations.Add(new Iteration(iterations.Count, started, (DateTimeOffset.UtcNow - started).TotalSeconds,
                        new Dictionary<Metric, double> { [Metric.Capacity] = e.TargetQps!.Value }) { Points = points.ToList() });
                    points.Clear();
                    progress?.Report(Invariant(
                        $"{scenario}: search {iterations.Count} of {profile.Iterations}: capacity {e.TargetQps:N0}/s at p{Slo.Percentile} <= {Slo.LimitMicroseconds} us (closed-loop peak {e.PeakQps:N0}/s)"));
                    break;
            }
        }

        var stretches = Scenarios.Capacity.Contains(scenario) ? CapacitySearch.MostProbes : 1;
        var limit = TimeSpan.FromSeconds(profile.WarmUpSeconds + (profile.Iterations * stretches * profile.IterationSeconds)) + TimeoutGrace;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        ToolResult run;
        try
        {
            run = await Tool.RunAsync(tool, arguments, timeout.Token, allowFailure: true, onOutputLine: OnLine);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(
                $"the memcached load did not finish within {limit.TotalSeconds:0} s; is the path to {server} dropping packets?\n  command: {commandLine}");
        }
        catch (JsonException e)
        {
            throw new ToolException($"the load generator printed a line that is not one of its events: {e.Message}\n  command: {commandLine}");
        }

        if (run.ExitCode != 0 || iterations.Count != profile.Iterations)
        {
            throw new ToolException($"the memcached load failed after {iterations.Count} of {profile.Iterations} iterations.", run);
        }

        return iterations;
    }

    private SearchTarget Slo => _slo ?? throw new InvalidOperationException("The capacity SLO is set by the first measurement.");

    private (string Tool, IReadOnlyList<string> Arguments) Command(
        Scenario scenario, string server, int port, Profile profile, bool loadKeys, double? lightQps = null)
    {
        var (options, loadPhase) = Settings(scenario, server, port);
        options = options with { Qps = lightQps ?? options.Qps };
        var plan = new LoadPlan(
            profile.IterationSeconds, profile.WarmUpSeconds, profile.Iterations, loadPhase && loadKeys, Measure: true, Json: true,
            Search: Scenarios.Capacity.Contains(scenario) && lightQps is null ? Slo : null);
        return client.Command(DotnetHost ?? "dotnet", [_generator, .. LoadCommandLine.Arguments(options, plan)]);
    }
}
