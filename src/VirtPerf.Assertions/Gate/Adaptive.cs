using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>The adaptive rule, one loop for every caller (the suite's rows, the calibration, the simulation): while a
/// verdict is undecided, measure another batch (the profile's iteration count) up to its most iterations; a verdict
/// still undecided then is flagged as thin evidence.</summary>
public static class Adaptive
{
    /// <summary>How many iterations (pairs) to add now: 0 when decided or at the profile's most.</summary>
    public static int MoreIterations(Verdict verdict, int have, Profile profile) =>
        verdict.Outcome == Outcome.Undecided ? Math.Clamp(profile.MostIterations - have, 0, profile.Iterations) : 0;

    /// <summary>The final verdict: flagged as thin evidence when it is still undecided.</summary>
    public static Verdict Final(Verdict verdict) => verdict with { ThinEvidence = verdict.Outcome == Outcome.Undecided };

    /// <summary>Judges with <paramref name="judge"/>; while a verdict is undecided and <paramref name="profile"/>
    /// allows, measures more with <paramref name="measureMore"/> and judges again; returns the final verdicts.</summary>
    /// <param name="judge">The verdicts of what is measured so far.</param>
    /// <param name="have">Iterations (pairs) measured so far.</param>
    /// <param name="profile">Its iteration count is the batch, its most iterations the limit.</param>
    /// <param name="measureMore">Measures that many more iterations (pairs).</param>
    /// <param name="log">Told when the loop extends a row.</param>
    public static async Task<IReadOnlyList<Verdict>> RunAsync(
        Func<IReadOnlyList<Verdict>> judge, Func<int> have, Profile profile, Func<int, Task> measureMore, Action<string>? log = null)
    {
        var verdicts = judge();
        int More() => verdicts.Count == 0 ? 0 : verdicts.Max(v => MoreIterations(v, have(), profile));
        for (var more = More(); more > 0; more = More())
        {
            log?.Invoke($"undecided after {have()}: measuring {more} more");
            await measureMore(more);
            verdicts = judge();
        }

        return verdicts.Select(Final).ToList();
    }
}
