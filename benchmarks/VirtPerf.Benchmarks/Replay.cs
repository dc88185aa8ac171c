using VirtPerf.Assertions.Baselines;
using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Rows;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>
/// The simulation: recorded real gates replayed in the order they were measured, through today's gate code
/// (<see cref="PairedRun"/>, <see cref="Adaptive"/>, <see cref="OverheadGate"/>), never independent draws. A replayed
/// gate stops where today's code decides, or at the recorded length; each is compared with the accepted overhead
/// recorded before it in the same folder.
/// </summary>
internal static class Replay
{
    /// <summary>The gates of <paramref name="folder"/> judged again with <paramref name="profile"/> and <paramref name="budgets"/>.
    /// With <paramref name="firstLook"/>, as rows without an accepted overhead judge (a fresh testbed's, and every
    /// capacity row's unless one was recorded): the budget verdict alone, and each recorded A/A gate cut into
    /// consecutive gates, each as long as today's code takes to decide (a row that started where the last one stopped).</summary>
    public static IReadOnlyList<CalibrationGate> Rejudge(IReadOnlyList<CalibrationGate> folder, OverheadBudgets budgets, Profile profile, bool firstLook = false)
    {
        if (firstLook)
        {
            return [.. folder.Where(g => g.Kind == "aa").SelectMany(g => FirstLooks(g, budgets, profile))];
        }

        var accepted = new Dictionary<Scenario, AcceptedOverhead>();
        var judged = new List<CalibrationGate>();
        foreach (var gate in folder)
        {
            if (gate.Kind == "accepted")
            {
                accepted[gate.Scenario] = AcceptedOverhead.Of(gate.Side(Techniques.BareMetal, gate.Technique), gate.Side(Techniques.BareMetal, gate.BareMetal));
                judged.Add(gate);
                continue;
            }

            var recorded = gate.Technique.Count;
            var limits = gate.Kind == "true-size"
                ? profile with { Iterations = recorded, MaxIterations = recorded }
                : profile with { Iterations = Math.Min(profile.Iterations, recorded), MaxIterations = Math.Min(profile.MostIterations, recorded) };
            var (run, verdicts) = PairedRun.JudgeAsync(
                new RecordedSides(gate), gate.Scenario, limits, Judge(gate, budgets, accepted.GetValueOrDefault(gate.Scenario))).GetAwaiter().GetResult();
            judged.Add(gate with { Technique = run.Technique, BareMetal = run.BareMetal, Verdicts = verdicts });
        }

        return judged;
    }

    private static IEnumerable<CalibrationGate> FirstLooks(CalibrationGate gate, OverheadBudgets budgets, Profile profile)
    {
        for (var start = 0; gate.Technique.Count - start >= profile.Iterations;)
        {
            var rest = gate with { Technique = gate.Technique.Skip(start).ToList(), BareMetal = gate.BareMetal.Skip(start).ToList() };
            var limits = profile with { MaxIterations = Math.Min(profile.MostIterations, rest.Technique.Count) };
            var (run, verdicts) = PairedRun.JudgeAsync(new RecordedSides(rest), gate.Scenario, limits, Judge(rest, budgets, null)).GetAwaiter().GetResult();
            start += run.Pairs;
            yield return rest with { Technique = run.Technique, BareMetal = run.BareMetal, Verdicts = verdicts };
        }
    }

    /// <summary>How a calibration gate is judged, live and in the replay: the budget verdict (its interval is what
    /// coverage is about), and the regression verdict against the accepted overhead when there is one.</summary>
    public static Func<PairedRun, IReadOnlyList<Verdict>> Judge(CalibrationGate gate, OverheadBudgets budgets, AcceptedOverhead? accepted) =>
        run =>
        {
            var (technique, bare) = (gate.Side(Techniques.BareMetal, run.Technique), gate.Side(Techniques.BareMetal, run.BareMetal));
            return accepted is null
                ? [OverheadGate.AgainstBudget(technique, bare, budgets)]
                : [OverheadGate.AgainstBudget(technique, bare, budgets), OverheadGate.AgainstAccepted(technique, bare, accepted, budgets)];
        };
}
