namespace VirtPerf.Workloads;

/// <summary>A workload with fixed parameters, named as in the study (thesis Tables 5 and 6).</summary>
public enum Scenario
{
    /// <summary>netperf TCP_STREAM: throughput of the SUT's TCP receive path (the client uploads).</summary>
    TCP_STREAM,

    /// <summary>netperf TCP_MAERTS: throughput of the SUT's TCP transmit path (the client downloads).</summary>
    TCP_MAERTS,

    /// <summary>netperf TCP_RR: 1-byte request/response latency on one connection.</summary>
    TCP_RR,

    /// <summary>netperf TCP_CRR: request/response latency including connect and close.</summary>
    TCP_CRR,

    /// <summary>netperf UDP_STREAM: throughput of the SUT's UDP receive path.</summary>
    UDP_STREAM,

    /// <summary>netperf UDP_RR: 1-byte UDP request/response latency.</summary>
    UDP_RR,

    /// <summary>memcached, sets only (fb_key, fb_value): the SUT's TCP receive path and memcached's LRU.</summary>
    MemcachedUpdate,

    /// <summary>memcached, gets only after a load phase: the SUT's TCP transmit path; misses are reported.</summary>
    MemcachedRead,

    /// <summary>memcached, 3% sets and 97% gets after a load phase (the study's 1:30).</summary>
    MemcachedMixed,

    /// <summary>memcached's capacity at a latency SLO: the highest open-loop rate of the Mixed requests over several
    /// connections whose 99th percentile stays under the SLO (Mutilate's <c>--search</c>), beyond the study.</summary>
    MemcachedCapacity,
}
