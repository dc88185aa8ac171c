using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Assertions.Gate;

/// <summary>The adaptive profile's rule: while a verdict is undecided, measure another batch (the profile's
/// iteration count) up to its most iterations; a verdict still undecided then is flagged as thin evidence.</summary>
public static class Adaptive
{
    /// <summary>How many iterations to add now: 0 when decided or at the profile's most.</summary>
    public static int MoreIterations(Verdict verdict, int have, Profile profile) =>
        verdict.Outcome == Outcome.Undecided ? Math.Clamp(profile.MostIterations - have, 0, profile.Iterations) : 0;

    /// <summary>The final verdict: flagged as thin evidence when it is still undecided.</summary>
    public static Verdict Final(Verdict verdict) => verdict with { ThinEvidence = verdict.Outcome == Outcome.Undecided };
}
