using System.Diagnostics;
using System.Globalization;
using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;
using VirtPerf.Rows;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Benchmarks;

/// <summary>
/// Real gates on the real testbed, to measure whether the gate's stated confidence holds here: bare metal paired with
/// bare metal (the "technique" side on the default ports, bare metal on the paired ports), through the very code a
/// suite row runs (<see cref="PairedRun"/>, <see cref="EndpointSides"/>, <see cref="Workload"/>,
/// <see cref="OverheadGate"/>, the default profile and the committed budgets). A/A mode: per scenario an accepted
/// overhead first, then rounds of gates until the time is up. Injection mode: per scenario an accepted overhead, a
/// real slowdown of the technique side (<see cref="Slowdown"/>), a long run measuring its true size, then gates.
/// Every gate goes to gates.jsonl with every iteration in order; <see cref="CalibrationTable"/> prints what they say.
/// </summary>
internal static class Calibration
{
    /// <summary>The technique side's netperf data port: fixed, so a rate limit can pick its packets.</summary>
    private const int DataPort = 50001;

    /// <summary>The CPU quota standing in for a costly TCP_CRR path (0.5 CPUs barely moved TCP_RR here).</summary>
    private const double QuotaCpus = 0.25;

    /// <summary>memcached's quota, as a share of the CPU its side used in the accepted gate: a fixed 0.25 CPUs sat above
    /// what one closed-loop connection needs, and its p50 did not move.</summary>
    private const double QuotaShare = 0.8;

    /// <summary>TCP_RR's and UDP_RR's rate limit, as a share of the side's unlimited median transaction rate: a cap
    /// costs what the host would do above it, so at 90% (2026-12-07) it cost UDP_RR's gates 1-17% as the host's own
    /// rate moved; at 85% it costs 17.6% at the accepted rate and still 10% when the host's rate has fallen by 6.5%.
    /// The table counts detection where the cap cost the gate 10% or more (<see cref="CalibrationGate.CapCostPercent"/>).</summary>
    private const double RateShare = 0.85;

    /// <summary>The streams' rate limit, as a share of the side's unlimited median throughput. A limit bites only in the
    /// seconds the stream would pass it, and streams move by 15% or more from one second to the next: at 90% (with a
    /// working token bucket) UDP_STREAM lost 3.7% [-1.2, +13.1], too little to test a 10% promise.</summary>
    private const double StreamShare = 0.8;

    /// <summary>UDP_STREAM's sender's quota, in CPUs: it uses a whole one. By hand, 0.8 CPUs cost 1-s runs 10-40% (rate
    /// limits at 80% and 90% of the stream cost it 7% and 4%: its throughput fell under them).</summary>
    private const double SenderQuotaCpus = 0.8;

    public static async Task<int> RunAsync(string folder, double minutes, bool inject, int injectedGates, IReadOnlyList<Scenario> scenarios)
    {
        Directory.CreateDirectory(folder);
        var settings = PerfSettings.FromEnvironment();
        var budgets = OverheadBudgets.Load(settings.BudgetsFile);
        await using var run = await BenchmarkRun.StartAsync(withNetserver: false);
        await using var a = await BareMetalServers.StartAsync(run.Testbed, run.RunId, run.Registry, 12865, 11211, DataPort);
        await using var b = await BareMetalServers.StartAsync(run.Testbed, run.RunId, run.Registry);
        var client = Workloads.ClientHost.InNamespace(run.Testbed.ClientNamespace);
        Console.Error.WriteLine(Invariant(
            $"calibration ({(inject ? "injected slowdowns" : "A/A")}) on {run.Testbed.HostAddress}, profile {settings.Profile.Name}, into {folder}"));

        // A gate that fails (a tool error, a timeout) is reported and left out; the calibration goes on.
        async Task<CalibrationGate?> GateAsync(string kind, Scenario scenario, int round, Slowdown? slowdown, AcceptedOverhead? accepted, int? pairs = null)
        {
            try
            {
                return await MeasureGateAsync(kind, scenario, round, slowdown, accepted, pairs);
            }
            catch (Exception e) when (e is Cli.ToolException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine(Invariant($"{DateTime.Now:HH:mm:ss} {kind} {scenario} round {round} failed, left out: {e.Message}"));
                return null;
            }
        }

        async Task<CalibrationGate> MeasureGateAsync(string kind, Scenario scenario, int round, Slowdown? slowdown, AcceptedOverhead? accepted, int? pairs)
        {
            var clock = Stopwatch.StartNew();
            var profile = pairs is { } n ? settings.Profile with { Iterations = n, MaxIterations = n } : settings.Profile;
            // One driver for both sides unless the slowdown runs the technique side's load elsewhere: a capacity
            // driver measures its SLO once and both sides must search for it.
            var workload = Workload.For(scenario, client);
            var measureOn = slowdown?.SlowedClient(client) is { } slowed ? Workload.For(scenario, slowed).MeasureOn : workload.MeasureOn;
            var sides = new EndpointSides(measureOn, profile, a.Endpoint, null, b.Endpoint, bareMeasureOn: workload.MeasureOn);
            var before = await HostLoad.ReadAsync(run.Testbed.Sut, HostLoad.ThisProcessTree);
            var unjudged = new CalibrationGate(kind, scenario, round, slowdown?.Description, [], [], [], null, 0, slowdown?.Cap);
            var (paired, verdicts) = await PairedRun.JudgeAsync(sides, scenario, profile, Replay.Judge(unjudged, budgets, accepted));
            var after = await HostLoad.ReadAsync(run.Testbed.Sut, HostLoad.ThisProcessTree);
            var noise = before is not null && after is not null ? before.To(after, run.Testbed.Sut.Facts.Cores) : null;
            var gate = unjudged with { Technique = paired.Technique, BareMetal = paired.BareMetal, Verdicts = verdicts, Noise = noise, Seconds = clock.Elapsed.TotalSeconds };
            gate.AppendTo(folder);
            Console.Error.WriteLine(Invariant($"{DateTime.Now:HH:mm:ss} {kind} {scenario} round {round}: {paired.Pairs} pairs in {gate.Seconds:0} s; ")
                + string.Join("; ", verdicts.Select(v => $"{v.Kind} {Headline(v, scenario)}")));
            return gate;
        }

        async Task<AcceptedOverhead?> AcceptAsync(Scenario scenario, int round) =>
            await GateAsync("accepted", scenario, round, null, null, settings.Profile.ReferenceIterations) is { } gate
                ? AcceptedOverhead.Of(gate.Side(Techniques.BareMetal, gate.Technique), gate.Side(Techniques.BareMetal, gate.BareMetal))
                : null;

        if (inject)
        {
            foreach (var scenario in scenarios)
            {
                var cpuBefore = ProcessTreeCpu.Seconds(a.ProcessIds);
                if (await AcceptAsync(scenario, 1) is not { } accepted)
                {
                    continue;
                }

                // The technique side's servers ran for ReferenceIterations iterations of the accepted gate.
                var cpusUsed = (ProcessTreeCpu.Seconds(a.ProcessIds) - cpuBefore) / (settings.Profile.ReferenceIterations * settings.Profile.IterationSeconds);

                await using var slowdown = scenario switch
                {
                    Scenario.UDP_STREAM => Slowdown.SenderQuota(run.RunId, SenderQuotaCpus),
                    Scenario.TCP_RR or Scenario.UDP_RR => await Slowdown.TransactionRateAsync(
                        run.Testbed, scenario, DataPort, RateShare * Medians.Of(accepted.Technique.Values(Metric.TransactionRate))),
                    _ when Scenarios.Memcached.Contains(scenario) => Slowdown.Quota(run.RunId, a.ProcessIds, QuotaShare * cpusUsed),
                    _ when Scenarios.IsRequestResponse(scenario) => Slowdown.Quota(run.RunId, a.ProcessIds, QuotaCpus),
                    _ => await Slowdown.RateAsync(run.Testbed, scenario, DataPort, StreamShare * Medians.Of(accepted.Technique.Values(Metric.Throughput))),
                };
                await GateAsync("true-size", scenario, 1, slowdown, accepted, settings.Profile.ReferenceIterations);
                for (var i = 0; i < injectedGates; i++)
                {
                    await GateAsync("injected", scenario, 1, slowdown, accepted);
                }
            }
        }
        else
        {
            var deadline = DateTime.UtcNow.AddMinutes(minutes);
            var acceptedOf = new Dictionary<Scenario, AcceptedOverhead>();
            for (var round = 1; DateTime.UtcNow < deadline; round++)
            {
                foreach (var scenario in scenarios.TakeWhile(_ => DateTime.UtcNow < deadline))
                {
                    if (acceptedOf.TryGetValue(scenario, out var accepted))
                    {
                        await GateAsync("aa", scenario, round, null, accepted);
                    }
                    else if (await AcceptAsync(scenario, round) is { } recorded)
                    {
                        acceptedOf[scenario] = recorded;
                    }
                }
            }
        }

        return CalibrationTable.Rejudged([folder], Console.Out);
    }

    private static string Headline(Verdict verdict, Scenario scenario) =>
        verdict.Metrics.FirstOrDefault(m => m.Metric == Scenarios.HeadlineMetric(scenario)) is { } m
            ? $"{m.Metric} {m.Overhead} {m.Outcome}"
            : "(no headline metric)";
}
