namespace VirtPerf.Workloads.Measurements;

/// <summary>How long and how often a scenario is measured: a warm-up, then a number of equal iterations.</summary>
/// <param name="Name">The profile's name (<c>quick</c>, <c>thesis</c>, or <c>custom</c> once overridden).</param>
/// <param name="Iterations">Measured iterations per scenario.</param>
/// <param name="IterationSeconds">Length of each iteration (netperf's <c>-l</c>).</param>
/// <param name="WarmUpSeconds">Length of the discarded warm-up run; 0 for none.</param>
/// <param name="MaxIterations">The most iterations an undecided verdict may add up to (the adaptive profile); null
/// for a fixed number.</param>
/// <param name="ReferenceIterations">Iterations of a measurement recorded as a reference (a bare-metal baseline or an
/// accepted measurement): measured once and compared with on every run, so it takes many, and a gate's interval is
/// then as narrow as the technique's own iterations allow.</param>
public sealed record Profile(
    string Name, int Iterations, int IterationSeconds, int WarmUpSeconds, int? MaxIterations = null, int ReferenceIterations = 100)
{
    /// <summary>The most iterations a row may take: <see cref="MaxIterations"/>, or <see cref="Iterations"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int MostIterations => Math.Max(MaxIterations ?? Iterations, Iterations);

    /// <summary>The default: 8 pairs of 1 s iterations after a 1 s warm-up, 8 more at a time while a verdict is
    /// undecided, up to 30; references take 40. Short iterations alternate bare metal and the technique faster than
    /// this testbed drifts. 8, not 6: recorded real A/A gates replayed as first-look rows (benchmarks/calibration.sh
    /// --table --first-look) held 0 in 96.7% of 6-pair intervals but only 90% for TCP_CRR's and 91.5% for TCP_RR's
    /// transaction rate (a side's drift lasts longer than 6 pairs now and then); 8 pairs held 95.7% or more in every
    /// scenario and metric, for a quarter more measuring time.</summary>
    public static Profile Quick { get; } = new("quick", Iterations: 8, IterationSeconds: 1, WarmUpSeconds: 1, MaxIterations: 30, ReferenceIterations: 40);

    /// <summary>The study's protocol: 10 iterations of 50 s (thesis section 4), after a 5 s warm-up; references alike.</summary>
    public static Profile Thesis { get; } = new("thesis", Iterations: 10, IterationSeconds: 50, WarmUpSeconds: 5, ReferenceIterations: 10);

    /// <summary>For regression gates that must resolve small changes: 16 pairs, then 16 more at a time while a verdict
    /// is undecided, up to 96; references take 96.</summary>
    public static Profile Adaptive { get; } = new("adaptive", Iterations: 16, IterationSeconds: 1, WarmUpSeconds: 1, MaxIterations: 96, ReferenceIterations: 96);

    /// <summary>The named profiles users can choose from.</summary>
    public static IReadOnlyList<Profile> Named { get; } = [Quick, Thesis, Adaptive];
}
