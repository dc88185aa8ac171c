using System.Globalization;

namespace VirtPerf.Workloads.Memcached;

/// <summary>The load generator's command line, with Mutilate's option letters: parsed by its entry point and built
/// by the framework's driver, so the two always agree.</summary>
public static class LoadCommandLine
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: VirtPerf.Mutilate -s HOST[:PORT] [options]
        A Mutilate-equivalent memcached load generator (memcache ASCII protocol over TCP, TCP_NODELAY).

          -s, --server HOST[:PORT]   memcached to load (port 11211 by default)
          -r, --records N            keys in the keyspace (10000)
          -u, --update RATIO         fraction of requests that are sets, 0..1 (0: gets only)
          -c, --connections N        TCP connections, one thread each (1)
          -d, --depth N              requests in flight per connection (1: no pipelining)
          -q, --qps N                target requests/s over all connections (0: closed loop, as fast as replies come)
          -t, --time SECONDS         length of each measured iteration (5)
          -w, --warmup SECONDS       load sent and discarded before measuring (0)
          -n, --iterations N         measured iterations, each reported on its own (1)
          -K, --keysize DIST         fb_key or a fixed size (fb_key)
          -V, --valuesize DIST       fb_value or a fixed size (fb_value)
          -i, --iadist DIST          open-loop inter-arrival: fb_ia, exponential or fixed (fb_ia)
              --seed N               seed of the request mix (1)
              --noload               skip the load phase (the keyspace is already filled)
              --loadonly             fill the keyspace, then stop
              --json                 one JSON object per line instead of tables
          -h, --help                 this text
        """;

    /// <summary>Reads an argument list; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static (LoadOptions Options, LoadPlan Plan) Parse(IReadOnlyList<string> arguments)
    {
        var options = new LoadOptions { Server = "" };
        var plan = new LoadPlan();
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n : throw new ArgumentException($"{name} needs a whole number, not '{arguments[i]}'.");
            double Real() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                ? x : throw new ArgumentException($"{name} needs a number, not '{arguments[i]}'.");
            switch (name)
            {
                case "-s" or "--server":
                    var (host, port) = Server(Value());
                    options = options with { Server = host, Port = port };
                    break;
                case "-r" or "--records": options = options with { Records = Int() }; break;
                case "-u" or "--update": options = options with { UpdateRatio = Real() }; break;
                case "-c" or "--connections": options = options with { Connections = Int() }; break;
                case "-d" or "--depth": options = options with { Depth = Int() }; break;
                case "-q" or "--qps": options = options with { Qps = Real() }; break;
                case "-K" or "--keysize": options = options with { KeySize = Value() }; break;
                case "-V" or "--valuesize": options = options with { ValueSize = Value() }; break;
                case "-i" or "--iadist": options = options with { InterArrival = Value() }; break;
                case "--seed": options = options with { Seed = Int() }; break;
                case "-t" or "--time": plan = plan with { Seconds = Real() }; break;
                case "-w" or "--warmup": plan = plan with { WarmUpSeconds = Real() }; break;
                case "-n" or "--iterations": plan = plan with { Iterations = Int() }; break;
                case "--noload": plan = plan with { LoadPhase = false }; break;
                case "--loadonly": plan = plan with { Measure = false }; break;
                case "--json": plan = plan with { Json = true }; break;
                case "--search":
                    plan = plan with { Search = SearchTarget.TryParse(Value()) ?? throw new ArgumentException($"--search '{arguments[i]}' is not N:X (e.g. 99:500).") };
                    break;
                default: throw new ArgumentException($"unknown option '{name}' (see --help).");
            }
        }

        if (options.Server.Length == 0)
        {
            throw new ArgumentException("no server: give -s HOST[:PORT].");
        }

        if (plan.Seconds <= 0 || plan.WarmUpSeconds < 0 || plan.Iterations < 1 || (!plan.LoadPhase && !plan.Measure))
        {
            throw new ArgumentException("nothing to do or a negative time: -t must be > 0, -w >= 0, -n >= 1, and not both --noload and --loadonly.");
        }

        options.Validate();
        return (options, plan);
    }

    /// <summary>The argument list that <see cref="Parse"/> reads back as <paramref name="options"/> and
    /// <paramref name="plan"/>.</summary>
    public static IReadOnlyList<string> Arguments(LoadOptions options, LoadPlan plan)
    {
        static string N(double x) => x.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "-s", $"{options.Server}:{options.Port}", "-r", N(options.Records), "-u", N(options.UpdateRatio),
            "-c", N(options.Connections), "-d", N(options.Depth), "-q", N(options.Qps),
            "-K", options.KeySize, "-V", options.ValueSize, "-i", options.InterArrival, "--seed", N(options.Seed),
            "-t", N(plan.Seconds), "-w", N(plan.WarmUpSeconds), "-n", N(plan.Iterations),
        };
        arguments.AddRange(new[] { (!plan.LoadPhase, "--noload"), (!plan.Measure, "--loadonly"), (plan.Json, "--json") }
            .Where(flag => flag.Item1).Select(flag => flag.Item2));
        if (plan.Search is { } search)
        {
            arguments.AddRange(["--search", search.ToString()]);
        }

        return arguments;
    }

    private static (string Host, int Port) Server(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            return (value, LoadOptions.DefaultPort);
        }

        return int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (value[..colon], port)
            : throw new ArgumentException($"-s '{value}': the port after ':' is not a number.");
    }
}
