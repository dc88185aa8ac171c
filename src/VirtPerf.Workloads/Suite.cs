namespace VirtPerf.Workloads;

/// <summary>The family a scenario belongs to: the study's raw networking part or its application part.</summary>
public enum Suite
{
    /// <summary>netperf scenarios (thesis Table 5).</summary>
    Netperf,

    /// <summary>memcached under a Mutilate-style load (thesis Table 6).</summary>
    Memcached,

    /// <summary>memcached's capacity at a latency SLO, the question application teams ask (beyond the study).</summary>
    Capacity,
}
