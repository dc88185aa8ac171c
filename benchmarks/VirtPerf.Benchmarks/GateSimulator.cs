using System.Globalization;
using VirtPerf.Assertions.Gate;
using VirtPerf.Assertions.Statistics;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

// Compiled into the benchmarks (gate-simulation) and linked into VirtPerf.Assertions.Tests (GateSimulationTests).

/// <summary>How a simulated gate is set up: the real gate's defaults unless a caller tries another setting.</summary>
/// <param name="Confidence">The bootstrap interval's confidence.</param>
/// <param name="ReferenceIterations">Iterations of the reference: a stored measurement, so fixed, never extended.</param>
/// <param name="Profile">The technique's profile: its iterations first, then batches while undecided (the adaptive one).</param>
/// <param name="Resamples">Bootstrap resamples per interval.</param>
/// <param name="Spread">Factor on each residual's deviation from 1, after the unbiasing factor: residuals of n
/// iterations around their own mean understate an iteration's spread around the true level by sqrt((n - 1) / n), so
/// every deviation is first multiplied by sqrt(n / (n - 1)). 1 keeps the recorded noise; sqrt(4 / 5) undoes the
/// unbiasing for 5-iteration measurements (the raw residuals).</param>
internal sealed record GateSettings(
    double Confidence, int ReferenceIterations, Profile Profile, int Resamples, double Spread)
{
    /// <summary>The defaults: the regression gate's confidence, a reference of the adaptive profile's reference
    /// iterations, the adaptive profile, the gate's resamples, the recorded noise.</summary>
    public static GateSettings Default { get; } = new(
        OverheadGate.RegressionConfidence, Profile.Adaptive.ReferenceIterations, Profile.Adaptive, Bootstrap.DefaultResamples, Spread: 1);

    /// <summary>The pool's residuals, unbiased per measurement and scaled by <see cref="Spread"/>.</summary>
    public IReadOnlyList<double> Residuals(NoisePool pool) =>
        pool.Measurements.SelectMany(m => m.Residuals.Select(r => 1 + (r - 1) * Unbiasing(m.Residuals.Count) * Spread)).ToList();

    /// <summary>sqrt(n / (n - 1)), or 1 for a single iteration.</summary>
    public static double Unbiasing(int iterations) => iterations > 1 ? Math.Sqrt((double)iterations / (iterations - 1)) : 1;
}

/// <summary>How many simulated gates ended over, within and undecided (thin evidence), and the iterations they took.</summary>
/// <param name="Gates">Gates run.</param>
/// <param name="Over">Gates that ended over budget (the regression gate: flagged a regression).</param>
/// <param name="Within">Gates that ended within budget.</param>
/// <param name="Undecided">Gates still undecided at the profile's most iterations.</param>
/// <param name="Iterations">Technique iterations, summed over the gates.</param>
internal sealed record GateRates(int Gates, int Over, int Within, int Undecided, long Iterations)
{
    /// <summary>Share of gates over.</summary>
    public double OverRate => (double)Over / Gates;

    /// <summary>Share of gates within.</summary>
    public double WithinRate => (double)Within / Gates;

    /// <summary>Share of gates undecided at the end (thin evidence).</summary>
    public double UndecidedRate => (double)Undecided / Gates;

    /// <summary>Mean technique iterations per gate.</summary>
    public double MeanIterations => (double)Iterations / Gates;

    /// <summary>The rates in a sentence, e.g. for a failure message.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"of {Gates} gates {OverRate:P1} over, {WithinRate:P1} within, {UndecidedRate:P1} undecided (thin evidence), {MeanIterations:0.0} iterations on average");
}

/// <summary>
/// Runs the real gate (<see cref="Bootstrap.Overhead"/>, <see cref="MetricVerdict"/>, <see cref="Adaptive"/>) on
/// samples drawn from recorded noise: the reference at level 1, the technique at the level whose true overhead is the
/// injected percent, each iteration the level times a residual drawn with replacement from the pool. Seeded per pool
/// and gate (the same draws for every condition), so a run repeats exactly.
/// </summary>
internal static partial class GateSimulator
{
    /// <summary>The technique's true level for an injected overhead: 1 - x for a metric where higher is better, 1 + x
    /// otherwise, so that <see cref="Overhead.Percent"/> of the level against 1 is exactly the injected percent.</summary>
    public static double Level(Metric metric, double injectedPercent) =>
        Metrics.HigherIsBetter(metric) ? 1 - injectedPercent / 100 : 1 + injectedPercent / 100;

    /// <summary>The regression gate against an accepted reference with <paramref name="thresholdPercent"/>.</summary>
    public static GateRates Regression(NoisePool pool, double injectedPercent, double thresholdPercent, int gates, GateSettings settings) =>
        Run(pool, injectedPercent, thresholdPercent, gates, settings, MetricVerdict.AgainstAccepted, "regression");

    /// <summary>The budget gate against a bare-metal reference with <paramref name="budgetPercent"/>.</summary>
    public static GateRates Budget(NoisePool pool, double injectedPercent, double budgetPercent, int gates, GateSettings settings) =>
        Run(pool, injectedPercent, budgetPercent, gates, settings, MetricVerdict.AgainstBudget, "budget");

    private static GateRates Run(
        NoisePool pool, double injectedPercent, double limitPercent, int gates, GateSettings settings,
        Func<Interval, double, Outcome> outcomeOf, string kind)
    {
        var residuals = settings.Residuals(pool).ToArray();
        var level = Level(pool.Metric, injectedPercent);
        var ends = new (Outcome Outcome, int Iterations)[gates];
        Parallel.For(0, gates, gate =>
        {
            var random = new Random((((int)pool.Scenario * 64) + (int)pool.Metric) * 1_000_003 + gate);
            var reference = Draw(residuals, 1, settings.ReferenceIterations, random, []);
            var technique = Draw(residuals, level, settings.Profile.Iterations, random, []);
            while (true)
            {
                var interval = Bootstrap.Overhead(pool.Metric, technique, reference, settings.Confidence, settings.Resamples);
                var outcome = outcomeOf(interval, limitPercent);
                var metric = new MetricVerdict(pool.Metric, interval, limitPercent, outcome, technique.Count, reference.Count);
                var verdict = new Verdict(kind, "Simulated", pool.Scenario, "simulated", [metric]);
                var more = Adaptive.MoreIterations(verdict, technique.Count, settings.Profile);
                if (more == 0)
                {
                    ends[gate] = (Adaptive.Final(verdict) is { ThinEvidence: true } ? Outcome.Undecided : verdict.Outcome, technique.Count);
                    return;
                }

                Draw(residuals, level, more, random, technique);
            }
        });
        return new GateRates(
            gates, ends.Count(e => e.Outcome == Outcome.OverBudget), ends.Count(e => e.Outcome == Outcome.WithinBudget),
            ends.Count(e => e.Outcome == Outcome.Undecided), ends.Sum(e => (long)e.Iterations));
    }

    private static List<double> Draw(double[] residuals, double level, int count, Random random, List<double> into)
    {
        for (var i = 0; i < count; i++)
        {
            into.Add(level * residuals[random.Next(residuals.Length)]);
        }

        return into;
    }
}
