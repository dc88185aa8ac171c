namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Finds a memcached's capacity at a latency SLO: the highest open-loop rate whose Nth percentile stays under X, as
/// Mutilate's <c>--search=N:X</c>. The closed loop's peak comes first and bounds the search; then a bisection of the
/// open-loop rate between 0 and the peak runs until the rate that met the limit and the one that did not are within
/// <see cref="Resolution"/> of each other. Unlike Mutilate, the closed loop's own percentile never decides: a closed
/// loop waits for each answer before it sends the next request, so its latency hides the queue an open load meets
/// (coordinated omission), and on a host whose open-loop latency is erratic that shortcut made the capacity jump
/// between the peak and the open-loop knee from one search to the next. Also unlike Mutilate it repeats points near
/// the edge: a point whose percentile lies within <see cref="EdgeBand"/> of the limit is measured
/// <see cref="EdgeRepeats"/> times and judged by the median, and a failing point farther off counts once a second
/// point confirms it (a third settles a disagreement), so one lucky or unlucky second (this testbed's spikes are
/// 5-30x) does not move the answer; and the percentile comes from the intended send times (coordinated omission
/// corrected), so a rate the SUT cannot keep up with never passes.
/// </summary>
public static class CapacitySearch
{
    /// <summary>The search ends when the failing rate is within 2% of the passing one (Mutilate's stop).</summary>
    public const double Resolution = 0.02;

    /// <summary>Points whose percentile is within 25% of the limit are measured again.</summary>
    public const double EdgeBand = 0.25;

    /// <summary>How often an edge point is measured in all (the median decides).</summary>
    public const int EdgeRepeats = 3;

    /// <summary>Below this share of the peak the search stops and reports no capacity (Mutilate stops at 10%).</summary>
    public const double LowestShare = 0.01;

    /// <summary>The most points one search measures: the peak, then at most 13 halvings from the peak to
    /// <see cref="LowestShare"/> of it at <see cref="Resolution"/>, each point measured at most
    /// <see cref="EdgeRepeats"/> times. What a caller's time limit must allow.</summary>
    public const int MostProbes = 1 + (13 * EdgeRepeats);

    /// <summary>Runs a search; <paramref name="probe"/> measures one point at an offered rate (0: the closed loop),
    /// <paramref name="report"/> is told each point as a <see cref="LoadEventKind.Probe"/> event.</summary>
    public static SearchOutcome Run(SearchTarget target, Func<double, LoadResult> probe, Action<LoadEvent>? report = null)
    {
        // Each point with its percentile, read once from its latency log.
        (LoadResult Result, double Latency) Point(double qps)
        {
            var result = probe(qps);
            report?.Invoke(new LoadEvent(LoadEventKind.Probe, Result: result, TargetQps: qps));
            return (result, Percentile(result, target.Percentile));
        }

        bool Meets((LoadResult, double Latency) point) => point.Latency <= target.LimitMicroseconds;
        var peak = Point(0).Result;
        var probes = 1;
        var (low, high) = (0.0, peak.Qps);
        LoadResult? atLow = null;
        while (high > low * (1 + Resolution) && high > peak.Qps * LowestShare)
        {
            var rate = low == 0 ? high / 2 : (low + high) / 2;
            var points = new List<(LoadResult Result, double Latency)> { Point(rate) };
            if (Math.Abs((points[0].Latency / target.LimitMicroseconds) - 1) < EdgeBand)
            {
                points.AddRange(Enumerable.Range(1, EdgeRepeats - 1).Select(_ => Point(rate)));
            }
            else if (!Meets(points[0]))
            {
                points.Add(Point(rate)); // a failure counts once a second point confirms it; else a third settles it
                if (Meets(points[1]))
                {
                    points.Add(Point(rate));
                }
            }

            probes += points.Count;
            var median = points.OrderBy(p => p.Latency).ElementAt(points.Count / 2);
            if (Meets(median))
            {
                (low, atLow) = (rate, median.Result);
            }
            else
            {
                high = rate;
            }
        }

        return new SearchOutcome(atLow?.Qps ?? 0, low, peak.Qps, high, atLow, probes);
    }

    /// <summary>
    /// Mutilate's own <c>--search=N:X</c> (mutilate.cc), to compare with Mutilate (benchmarks/mutilate-search.sh): never
    /// the suite's capacity. The closed loop's peak is the answer when its Nth percentile meets the limit; else a
    /// bisection of the open-loop rate between 1 and the peak, one point each, until the two ends are within 2% or the
    /// rate falls to 10% of the peak; then, while the last point misses, steps down by 2% (not below 90% of the highest
    /// rate that met, nor 10% of the peak). The answer is the last point measured, whether it met the limit or not.
    /// Its percentile is Mutilate's: of the gets, timed from their send, so a server that falls behind an open load
    /// hides in the queue before the send (coordinated omission), which is what <see cref="Run"/> corrects.
    /// </summary>
    /// <exception cref="ArgumentException">N is not a percentile a <see cref="LatencySummary"/> keeps.</exception>
    public static SearchOutcome RunAsMutilate(SearchTarget target, Func<double, LoadResult> probe, Action<LoadEvent>? report = null)
    {
        if (!LatencySummary.Kept.Contains(target.Percentile))
        {
            throw new ArgumentException(
                $"Mutilate's search reads a percentile of the gets' summary: one of {string.Join(", ", LatencySummary.Kept)}, not {target.Percentile}.");
        }

        var probes = 0;
        (LoadResult Result, bool Meets) Point(double qps)
        {
            var result = probe(qps);
            probes++;
            report?.Invoke(new LoadEvent(LoadEventKind.Probe, Result: result, TargetQps: qps));
            return (result, (result.Read?.At(target.Percentile) ?? double.PositiveInfinity) <= target.LimitMicroseconds);
        }

        var peak = Point(0);
        var last = peak;
        var (low, high, rate) = (1.0, Math.Floor(peak.Result.Qps), Math.Floor(peak.Result.Qps));
        if (!peak.Meets)
        {
            while (high > low * 1.02 && rate > peak.Result.Qps * 0.1)
            {
                rate = Math.Floor((high + low) / 2);
                last = Point(rate);
                (low, high) = last.Meets ? (rate, high) : (low, rate);
            }

            while (!last.Meets && rate > peak.Result.Qps * 0.1 && rate > low * 0.9)
            {
                rate = Math.Floor(rate * 0.98);
                last = Point(rate);
            }
        }

        return new SearchOutcome(last.Result.Qps, ReferenceEquals(last.Result, peak.Result) ? 0 : rate, peak.Result.Qps, high, last.Result, probes);
    }

    /// <summary>The <paramref name="percentile"/>th percentile of a point's latency in microseconds (from the
    /// intended send time in the open loop); a point that completed nothing has an infinite one.</summary>
    public static double Percentile(LoadResult result, double percentile) =>
        result.Latencies is { } log
            ? Measurements.LatencyLog.Read(log)[0].GetValueAtPercentile(percentile) / 1000.0
            : double.PositiveInfinity;
}

/// <summary>What a <see cref="CapacitySearch"/> found.</summary>
/// <param name="Capacity">The requests/s served at the highest offered rate that met the limit; 0 when none did. By
/// <see cref="CapacitySearch.RunAsMutilate"/>: the last point's, as Mutilate prints it, met or not.</param>
/// <param name="Offered">That offered rate (0: the closed loop's peak).</param>
/// <param name="Peak">The closed loop's requests/s.</param>
/// <param name="FirstFailing">The lowest offered rate seen to miss the limit, or the peak when every rate tried met it:
/// the capacity lies between <paramref name="Offered"/> and it.</param>
/// <param name="AtCapacity">The figures at the capacity; null when no rate met the limit.</param>
/// <param name="Probes">Points measured, the peak included.</param>
public sealed record SearchOutcome(double Capacity, double Offered, double Peak, double FirstFailing, LoadResult? AtCapacity, int Probes);
