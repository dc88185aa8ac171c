using System.CommandLine;

namespace VirtPerf.Workloads.Memcached;

/// <summary>Mutilate's options (its cmdline.ggo) this generator does not implement, each refused with the reason and
/// what to do instead; and the notes the help ends with.</summary>
public static partial class LoadCommandLine
{
    private const string Agents =
        "agents on other client machines; run a generator on each machine, or -C for measuring connections beside the load";

    private const string Notes = """
        Threads and connections: each of the -T threads connects -c times to every -s server and drives all its
        connections from one loop; --qps is shared equally by the -T x -c x servers load connections. The -r keys are
        divided over the servers, every server holding the same key names, as in Mutilate.

        Measuring connections (-C, -Q, -D; Mutilate's --measure_* idea, Lancet's latency agents): -C N opens N more
        connections per server, on a thread of their own, sending open loop at -Q requests/s over all of them with -D
        in flight each, while the -c connections carry the load. The latency figures (and --save) then come from the
        measuring connections alone, QPS from every connection; the rate offered is --qps plus -Q. Mutilate without
        agents has no such connections: there -C only replaces -c, and -Q and -D change nothing.

        Distributions (-K, -V, -i): fb_key, fb_value and fb_ia are Facebook's ETC workload (Atikoglu et al., 2012); a
        number N is a fixed size; -i also takes exponential (Poisson arrivals) and fixed. The defaults are Mutilate's.

        Mutilate options refused (an error names them; drop them or do what the reason says):
        """;

    private static readonly Refusal[] Refusals =
    [
        Flag("--binary", null, "the binary protocol; this generator speaks memcache's ASCII protocol only"),
        Value("--username", "-U", "SASL authentication; load a memcached that runs without SASL"),
        Value("--password", "-P", "SASL authentication; load a memcached that runs without SASL"),
        Flag("--affinity", null, "pinning threads to CPUs; pin the whole generator with taskset(1) instead"),
        Flag("--roundrobin", "-R", "threads assigned to servers in turn; here every thread connects to every server (Mutilate's default)"),
        Flag("--skip", "-S", "skipping late sends; the open loop here never skips and reports latency from the intended send time"),
        Flag("--moderate", null, "a minimum gap between a reply and the next request"),
        Flag("--blocking", "-B", "a choice of waiting; the loop here always waits in ppoll(2) without spinning, which is what -B asks, so drop it"),
        Flag("--no_nodelay", null, "TCP_NODELAY off; every connection here sets it, as the study did"),
        Flag("--agentmode", "-A", Agents),
        Value("--agent", "-a", Agents),
        Value("--agent_port", "-p", Agents),
        Value("--lambda_mul", "-l", Agents),
        Value("--wait", "-W", "a pause after start-up; -w sends load for a warm-up and discards it"),
        Flag("--verbose", "-v", "log levels; the progress lines always print, and --json prints every event as a JSON line"),
        Flag("--quiet", null, "log levels; the progress lines always print, and --json prints every event as a JSON line"),
    ];

    private static Refusal Flag(string name, string? alias, string reason) =>
        new(alias is null ? new Option<bool>(name) { Hidden = true } : new Option<bool>(name, alias) { Hidden = true }, reason);

    private static Refusal Value(string name, string alias, string reason) =>
        new(new Option<string>(name, alias) { Hidden = true }, reason);

    /// <summary>A Mutilate option refused, with why and what to do instead.</summary>
    private sealed record Refusal(Option Symbol, string Reason);
}
