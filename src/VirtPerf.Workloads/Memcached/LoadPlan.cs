namespace VirtPerf.Workloads.Memcached;

/// <summary>What one invocation of the load generator does, in order: load phase, warm-up, measured iterations.</summary>
/// <param name="Seconds">Length of each measured iteration (<c>-t</c>).</param>
/// <param name="WarmUpSeconds">Load sent and discarded before measuring (<c>-w</c>); 0 for none.</param>
/// <param name="Iterations">Measured iterations (<c>-n</c>), each reported on its own.</param>
/// <param name="LoadPhase">Fill the keyspace first (off with <c>--noload</c>).</param>
/// <param name="Measure">Measure after loading (off with <c>--loadonly</c>).</param>
/// <param name="Json">Print one JSON object per event (for the framework) instead of tables (<c>--json</c>).</param>
public sealed record LoadPlan(
    double Seconds = 5, double WarmUpSeconds = 0, int Iterations = 1, bool LoadPhase = true, bool Measure = true, bool Json = false);
