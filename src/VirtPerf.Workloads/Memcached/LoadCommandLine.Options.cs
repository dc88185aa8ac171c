using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace VirtPerf.Workloads.Memcached;

/// <summary>The options, once each: their names and help (Mutilate's), where a value lands, and how it is written back.</summary>
public static partial class LoadCommandLine
{
    private static readonly Invocation Defaults = new(new LoadOptions { Servers = [] }, new LoadPlan());

    private static readonly Option<double> MeasureQps = new("--measure_qps", "-Q")
    {
        HelpName = "N",
        Description = $"Requests/s over all measuring connections, on top of --qps (default {Defaults.Options.MeasureQps})",
    };

    private static readonly Option<int> MeasureDepth = new("--measure_depth", "-D")
    {
        HelpName = "N", Description = $"Requests in flight per measuring connection (default {Defaults.Options.MeasureDepth})",
    };

    private static readonly Binding[] Bindings =
    [
        // Mutilate's basic options.
        Bind(
            new Option<ServerAddress[]>("--server", "-s")
            {
                HelpName = "HOST[:PORT]", AllowMultipleArgumentsPerToken = false, CustomParser = Servers,
                Description = $"memcached to load (port {LoadOptions.DefaultPort} by default); repeat for several servers",
            },
            r => [.. r.Options.Servers], (r, v) => r with { Options = r.Options with { Servers = v } },
            write: servers => servers.SelectMany(s => new[] { "-s", s.ToString() })),
        Bind(
            new Option<double>("--qps", "-q") { HelpName = "N", Description = "Requests/s over all load connections, each sending its equal share; 0: closed loop, as fast as replies come (default 0)" },
            r => r.Options.Qps, (r, v) => r with { Options = r.Options with { Qps = v } }),
        Bind(
            new Option<double>("--time", "-t") { HelpName = "SECONDS", Description = $"Length of each measured iteration, search or sweep point (default {Defaults.Plan.Seconds})" },
            r => r.Plan.Seconds, (r, v) => r with { Plan = r.Plan with { Seconds = v } }),
        Bind(
            new Option<string>("--keysize", "-K") { HelpName = "DIST", Description = $"Key sizes: fb_key or a fixed size (default {Defaults.Options.KeySize})" },
            r => r.Options.KeySize, (r, v) => r with { Options = r.Options with { KeySize = v } }),
        Bind(
            new Option<string>("--valuesize", "-V") { HelpName = "DIST", Description = $"Value sizes: fb_value or a fixed size (default {Defaults.Options.ValueSize})" },
            r => r.Options.ValueSize, (r, v) => r with { Options = r.Options with { ValueSize = v } }),
        Bind(
            new Option<int>("--records", "-r") { HelpName = "N", Description = $"Keys in the keyspace, divided over the servers (default {Defaults.Options.Records})" },
            r => r.Options.Records, (r, v) => r with { Options = r.Options with { Records = v } }),
        Bind(
            new Option<double>("--update", "-u") { HelpName = "RATIO", Description = "Fraction of requests that are sets, 0..1 (default 0: gets only)" },
            r => r.Options.UpdateRatio, (r, v) => r with { Options = r.Options with { UpdateRatio = v } }),

        // Mutilate's advanced options.
        Bind(
            new Option<int>("--threads", "-T") { HelpName = "N", Description = $"Threads, each driving its connections in one loop (default {Defaults.Options.Threads})" },
            r => r.Options.Threads, (r, v) => r with { Options = r.Options with { Threads = v } }),
        Bind(
            new Option<int>("--connections", "-c") { HelpName = "N", Description = $"Load connections per server per thread (default {Defaults.Options.Connections})" },
            r => r.Options.Connections, (r, v) => r with { Options = r.Options with { Connections = v } }),
        Bind(
            new Option<int>("--depth", "-d") { HelpName = "N", Description = $"Requests in flight per load connection (default {Defaults.Options.Depth}: no pipelining)" },
            r => r.Options.Depth, (r, v) => r with { Options = r.Options with { Depth = v } }),
        Bind(
            new Option<string>("--iadist", "-i") { HelpName = "DIST", Description = $"Open-loop inter-arrival times: fb_ia, exponential or fixed (default {Defaults.Options.InterArrival})" },
            r => r.Options.InterArrival, (r, v) => r with { Options = r.Options with { InterArrival = v } }),
        Bind(
            new Option<bool>("--noload") { Description = "Skip the load phase (the keyspace is already filled)" },
            r => !r.Plan.LoadPhase, (r, v) => r with { Plan = r.Plan with { LoadPhase = !v } }),
        Bind(
            new Option<bool>("--loadonly") { Description = "Fill the keyspace, then stop" },
            r => !r.Plan.Measure, (r, v) => r with { Plan = r.Plan with { Measure = !v } }),
        Bind(
            new Option<double>("--warmup", "-w") { HelpName = "SECONDS", Description = "Load sent and discarded before measuring (default 0)" },
            r => r.Plan.WarmUpSeconds, (r, v) => r with { Plan = r.Plan with { WarmUpSeconds = v } }),
        Bind(
            new Option<string>("--save") { HelpName = "FILE", Description = "Write every measured get as 'start_seconds latency_us', one line each (Mutilate's format)" },
            r => r.Options.Save, (r, v) => r with { Options = r.Options with { Save = v } }),
        Bind(
            new Option<SearchTarget?>("--search")
            {
                HelpName = "N:X", CustomParser = Search,
                Description = "Find the highest rate at which the Nth percentile of latency stays under X us (e.g. --search=99:500)",
            },
            r => r.Plan.Search, (r, v) => r with { Plan = r.Plan with { Search = v } },
            write: v => ["--search", v!.ToString()]),
        Bind(
            new Option<ScanRange?>("--scan")
            {
                HelpName = "MIN:MAX:STEP", CustomParser = Scan,
                Description = "Measure latency at each rate from MIN to MAX requests/s in steps of STEP (e.g. --scan=1000:5000:1000)",
            },
            r => r.Plan.Scan, (r, v) => r with { Plan = r.Plan with { Scan = v } },
            write: v => ["--scan", Join(v!.Min, v.Max, v.Step)]),

        // Mutilate's --measure_* options, here without agents: see Notes.
        Bind(
            new Option<int>("--measure_connections", "-C") { HelpName = "N", Description = "Measuring connections per server, on a thread of their own; the latency reported is theirs (default 0: none)" },
            r => r.Options.MeasureConnections, (r, v) => r with { Options = r.Options with { MeasureConnections = v } }, Measuring),
        Bind(MeasureQps, r => r.Options.MeasureQps, (r, v) => r with { Options = r.Options with { MeasureQps = v } }, Measuring),
        Bind(MeasureDepth, r => r.Options.MeasureDepth, (r, v) => r with { Options = r.Options with { MeasureDepth = v } }, Measuring),

        // This generator's own.
        Bind(
            new Option<int>("--iterations", "-n") { HelpName = "N", Description = $"Measured iterations, each reported on its own; with --search or --scan, how many (default {Defaults.Plan.Iterations})" },
            r => r.Plan.Iterations, (r, v) => r with { Plan = r.Plan with { Iterations = v } }),
        Bind(
            new Option<int>("--seed") { HelpName = "N", Description = $"Seed of the request mix (default {Defaults.Options.Seed})" },
            r => r.Options.Seed, (r, v) => r with { Options = r.Options with { Seed = v } }),
        Bind(
            new Option<bool>("--search-as-mutilate")
            {
                Description = "With --search: Mutilate's own rule, to compare with it (the closed loop's peak when its gets' percentile meets the limit, else "
                    + "its last point, met or not; latency from the send, so an open load's queue before the send is not counted). Default: only open-loop "
                    + "rates count, timed from their intended send, edge points repeated",
            },
            r => r.Plan.SearchAsMutilate, (r, v) => r with { Plan = r.Plan with { SearchAsMutilate = v } }),
        Bind(
            new Option<bool>("--json") { Description = "One JSON object per line instead of tables" },
            r => r.Plan.Json, (r, v) => r with { Plan = r.Plan with { Json = v } }),
    ];

    private static Binding Bind<T>(
        Option<T> symbol, Func<Invocation, T> get, Func<Invocation, T, Invocation> set, Func<Invocation, bool>? written = null,
        Func<T, IEnumerable<string>>? write = null) =>
        new Binding<T>(symbol, get, set, written ?? (_ => true), write);

    private static bool Measuring(Invocation run) => run.Options.MeasureConnections > 0;

    private static ServerAddress[] Servers(ArgumentResult result)
    {
        try
        {
            return [.. result.Tokens.Select(t => ServerAddress.Parse(t.Value))];
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
            return [];
        }
    }

    private static SearchTarget? Search(ArgumentResult result)
    {
        if (SearchTarget.TryParse(result.Tokens.Single().Value) is { } target)
        {
            return target;
        }

        result.AddError($"--search '{result.Tokens.Single().Value}': use N:X, a percentile between 0 and 100 and a latency limit in microseconds (e.g. --search=99:500).");
        return null;
    }

    private static ScanRange? Scan(ArgumentResult result)
    {
        if (Numbers(result, 3) is [var min and > 0, var max, var step and > 0] && max >= min)
        {
            return new ScanRange(min, max, step);
        }

        result.AddError($"--scan '{result.Tokens.Single().Value}': use MIN:MAX:STEP in requests/s with 0 < MIN <= MAX and STEP > 0 (e.g. --scan=1000:5000:1000).");
        return null;
    }

    private static double[]? Numbers(ArgumentResult result, int count)
    {
        var parts = result.Tokens.Single().Value.Split(':');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : double.NaN).ToArray();
        return parts.Length == count && !numbers.Any(double.IsNaN) ? numbers : null;
    }

    private static string Join(params double[] numbers) => string.Join(':', numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A parsed command line: the options and the plan.</summary>
    private sealed record Invocation(LoadOptions Options, LoadPlan Plan);

    /// <summary>One option: its System.CommandLine symbol, where a given value lands, and how a run writes it back.</summary>
    private abstract class Binding
    {
        public abstract Option Symbol { get; }

        /// <summary><paramref name="run"/> with the option's value, when <paramref name="result"/> has it.</summary>
        public abstract Invocation Read(ParseResult result, Invocation run);

        /// <summary>The arguments that give <paramref name="run"/>'s value, explicit even at its default (so a recorded
        /// command line means the same run when defaults change); none for an absent value (an unset file, search or
        /// sweep, a flag that is off, the measuring connections' settings without any).</summary>
        public abstract IEnumerable<string> Write(Invocation run);
    }

    private sealed class Binding<T>(
        Option<T> symbol, Func<Invocation, T> get, Func<Invocation, T, Invocation> set, Func<Invocation, bool> written,
        Func<T, IEnumerable<string>>? write) : Binding
    {
        public override Option Symbol => symbol;

        public override Invocation Read(ParseResult result, Invocation run) =>
            Given(result, symbol) ? set(run, result.GetValue(symbol)!) : run;

        public override IEnumerable<string> Write(Invocation run)
        {
            var value = get(run);
            if (value is null or false || !written(run))
            {
                return [];
            }

            var flag = symbol.Aliases.FirstOrDefault() ?? symbol.Name;
            return write?.Invoke(value)
                ?? (value is bool ? [flag] : [flag, Convert.ToString(value, CultureInfo.InvariantCulture)!]);
        }
    }
}
