using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>The row level (benchmarks only): whole iterations drawn with every gated metric at once, judged by
/// <see cref="OverheadGate.AgainstAccepted"/> as a perf-tests row is; flagged when any metric is over.</summary>
internal static partial class GateSimulator
{
    /// <summary>The regression gate on whole rows of <paramref name="scenario"/>: each iteration's residuals of all the
    /// scenario's gated metrics come from one recorded iteration, so their correlation is kept; the overhead is injected
    /// on every metric. Bootstrap resamples are the gate's own (<see cref="OverheadGate"/> sets them).</summary>
    public static GateRates RowRegression(
        NoiseFile noise, Scenario scenario, double injectedPercent, double thresholdPercent, int gates, GateSettings settings)
    {
        var pools = noise.Pools.Where(p => p.Scenario == scenario).ToList();
        var metrics = pools.Select(p => p.Metric).ToList();
        var budgets = new OverheadBudgets(
            OverheadBudgets.FormatName, OverheadBudgets.CurrentSchemaVersion, 0, metrics, thresholdPercent, []);
        var rows = Joint(pools, settings);
        var ends = new (Outcome Outcome, int Iterations)[gates];
        Parallel.For(0, gates, gate =>
        {
            var random = new Random(((int)scenario * 64 + 63) * 1_000_003 + gate);
            var reference = Measured(scenario, DrawRows(rows, metrics, injectedPercent: 0, settings.ReferenceIterations, random, []));
            var technique = DrawRows(rows, metrics, injectedPercent, settings.Profile.Iterations, random, []);
            while (true)
            {
                var verdict = OverheadGate.AgainstAccepted(Measured(scenario, technique), reference, budgets, settings.Confidence);
                var more = Adaptive.MoreIterations(verdict, technique.Count, settings.Profile);
                if (more == 0)
                {
                    ends[gate] = (Adaptive.Final(verdict) is { ThinEvidence: true } ? Outcome.Undecided : verdict.Outcome, technique.Count);
                    return;
                }

                DrawRows(rows, metrics, injectedPercent, more, random, technique);
            }
        });
        return new GateRates(
            gates, ends.Count(e => e.Outcome == Outcome.OverBudget), ends.Count(e => e.Outcome == Outcome.WithinBudget),
            ends.Count(e => e.Outcome == Outcome.Undecided), ends.Sum(e => (long)e.Iterations));
    }

    /// <summary>Every recorded iteration that has a residual in each pool: the measurements all pools share.</summary>
    private static List<double[]> Joint(List<NoisePool> pools, GateSettings settings)
    {
        var shared = pools
            .Select(p => p.Measurements.Select(m => (m.Technique, m.Run)).ToHashSet())
            .Aggregate((a, b) => [.. a.Intersect(b)]);
        return shared
            .Order()
            .SelectMany(key =>
            {
                var each = pools.Select(p => p.Measurements.Single(m => (m.Technique, m.Run) == key).Residuals).ToList();
                var factor = GateSettings.Unbiasing(each[0].Count) * settings.Spread;
                return Enumerable.Range(0, each[0].Count).Select(i => each.Select(r => 1 + (r[i] - 1) * factor).ToArray());
            })
            .ToList();
    }

    private static List<Iteration> DrawRows(
        List<double[]> rows, List<Metric> metrics, double injectedPercent, int count, Random random, List<Iteration> into)
    {
        for (var i = 0; i < count; i++)
        {
            var row = rows[random.Next(rows.Count)];
            var values = metrics.Select((m, k) => (m, v: Level(m, injectedPercent) * row[k])).ToDictionary(x => x.m, x => x.v);
            into.Add(new Iteration(into.Count, DateTimeOffset.UnixEpoch, 2, values));
        }

        return into;
    }

    private static Measurement Measured(Scenario scenario, IReadOnlyList<Iteration> iterations) => new()
    {
        Technique = "Simulated",
        Scenario = scenario,
        RunId = "000000",
        Testbed = new TestbedFingerprint("simulated", "none", 1, "none", new Dictionary<string, string>()),
        Profile = Profile.Adaptive,
        Started = DateTimeOffset.UnixEpoch,
        Finished = DateTimeOffset.UnixEpoch,
        Iterations = [.. iterations],
    };
}
