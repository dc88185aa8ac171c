using System.Globalization;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>
/// The paired series of one row: bare metal and the technique measured alternately, one iteration each, the order
/// swapping every pair (bare metal first, then the technique first: B T T B B T ...), so that drift over the row hits
/// both sides alike and a trend within a pair cancels over two pairs (Firecracker's A/B runs alternate the same
/// way). Iteration i of each side forms pair i.
/// </summary>
/// <param name="sides">What is measured.</param>
/// <param name="scenario">The scenario, whose headline metric each pair's progress line shows.</param>
/// <param name="log">Told after each pair.</param>
public sealed class PairedRun(IRowSides sides, Scenario scenario, Action<string>? log = null)
{
    private readonly List<Iteration> _technique = [];
    private readonly List<Iteration> _bare = [];

    /// <summary>The technique's iterations, in order.</summary>
    public IReadOnlyList<Iteration> Technique => _technique;

    /// <summary>Bare metal's iterations, in order; iteration i pairs with the technique's i.</summary>
    public IReadOnlyList<Iteration> BareMetal => _bare;

    /// <summary>Pairs measured so far.</summary>
    public int Pairs => _technique.Count;

    /// <summary>Measures <paramref name="profile"/>'s pairs, then, while a verdict of <paramref name="judge"/> is
    /// undecided, more (<see cref="Adaptive"/>); returns the run and its final verdicts.</summary>
    public static async Task<(PairedRun Run, IReadOnlyList<Verdict> Verdicts)> JudgeAsync(
        IRowSides sides, Scenario scenario, Profile profile, Func<PairedRun, IReadOnlyList<Verdict>> judge,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var run = new PairedRun(sides, scenario, log);
        await run.MeasureAsync(profile.Iterations, cancellationToken);
        var verdicts = await Adaptive.RunAsync(
            () => judge(run), () => run.Pairs, profile, more => run.MeasureAsync(more, cancellationToken), log);
        return (run, verdicts);
    }

    /// <summary>Measures <paramref name="pairs"/> more pairs.</summary>
    public async Task MeasureAsync(int pairs, CancellationToken cancellationToken = default)
    {
        var metric = Scenarios.HeadlineMetric(scenario);
        for (var i = 0; i < pairs; i++)
        {
            var index = _technique.Count;
            var bareFirst = index % 2 == 0;
            var first = await One(bareFirst ? Side.BareMetal : Side.Technique);
            var second = await One(bareFirst ? Side.Technique : Side.BareMetal);
            var (technique, bare) = bareFirst ? (second, first) : (first, second);
            _technique.Add(technique with { Index = index });
            _bare.Add(bare with { Index = index });
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{scenario}: pair {index + 1} ({(bareFirst ? "bare metal first" : "technique first")}): {metric} technique "
                + $"{Figure(technique, metric)}, bare metal {Figure(bare, metric)} {Metrics.Unit(metric)}"));
        }

        async Task<Iteration> One(Side side) => (await sides.MeasureAsync(side, 1, cancellationToken)).Single();
    }

    private static string Figure(Iteration iteration, Metric metric) =>
        iteration.Metrics.TryGetValue(metric, out var value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";
}
