namespace VirtPerf.Workloads.Memcached;

/// <summary>What one invocation of the load generator does, in order: load phase, warm-up, then measured iterations,
/// a capacity search (<see cref="Search"/>) or a load sweep (<see cref="Scan"/>).</summary>
/// <param name="Seconds">Length of each measured iteration or search/sweep point (<c>-t</c>).</param>
/// <param name="WarmUpSeconds">Load sent and discarded before measuring (<c>-w</c>); 0 for none.</param>
/// <param name="Iterations">Measured iterations (<c>-n</c>), each reported on its own; with a search or sweep, how
/// many searches or sweeps.</param>
/// <param name="LoadPhase">Fill the keyspace first (off with <c>--noload</c>).</param>
/// <param name="Measure">Measure after loading (off with <c>--loadonly</c>).</param>
/// <param name="Json">Print one JSON object per event (for the framework) instead of tables (<c>--json</c>).</param>
/// <param name="Search">Find the highest rate whose latency percentile stays under a limit (<c>--search=N:X</c>).</param>
/// <param name="Scan">Measure latency at each rate of a range (<c>--scan=min:max:step</c>).</param>
/// <param name="SearchAsMutilate">Search by Mutilate's own rule (<see cref="CapacitySearch.RunAsMutilate"/>), to compare
/// with it; the default is <see cref="CapacitySearch.Run"/>, the rule the suite's capacity rows use.</param>
public sealed record LoadPlan(
    double Seconds = 5, double WarmUpSeconds = 0, int Iterations = 1, bool LoadPhase = true, bool Measure = true, bool Json = false,
    SearchTarget? Search = null, ScanRange? Scan = null, bool SearchAsMutilate = false);

/// <summary>A capacity search's goal, Mutilate's <c>--search=N:X</c>: the highest open-loop rate at which the
/// <paramref name="Percentile"/>th percentile of latency stays under <paramref name="LimitMicroseconds"/>.</summary>
public sealed record SearchTarget(double Percentile, double LimitMicroseconds)
{
    /// <summary>Reads Mutilate's <c>N:X</c> form (0 &lt; N &lt; 100, X &gt; 0); null when it is not one.</summary>
    public static SearchTarget? TryParse(string text)
    {
        var parts = text.Split(':');
        const System.Globalization.NumberStyles number = System.Globalization.NumberStyles.Float;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return parts.Length == 2 && double.TryParse(parts[0], number, culture, out var n) && double.TryParse(parts[1], number, culture, out var x)
            && n is > 0 and < 100 && x > 0
            ? new SearchTarget(n, x)
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Percentile}:{LimitMicroseconds}");
}

/// <summary>A load sweep, Mutilate's <c>--scan=min:max:step</c>: open-loop rates from <paramref name="Min"/> to
/// <paramref name="Max"/> requests/s in steps of <paramref name="Step"/>.</summary>
public sealed record ScanRange(double Min, double Max, double Step)
{
    /// <summary>The rates in order: Min, Min + Step, ... up to Max (Mutilate's loop, <c>q &lt;= max</c>).</summary>
    public IEnumerable<double> Rates()
    {
        for (var i = 0; Min + (i * Step) <= Max * (1 + 1e-9); i++)
        {
            yield return Min + (i * Step);
        }
    }
}
