using System.CommandLine;
using System.CommandLine.Help;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// The load generator's command line, Mutilate's as it is written (<c>-c4</c>, <c>--qps=1000</c>, several <c>-s</c>),
/// parsed by System.CommandLine from one list of options (<see cref="Bindings"/>) that also writes the help and the
/// arguments the framework's driver passes, so the three always agree. Mutilate options it does not implement are
/// refused by name (<see cref="Refusals"/>), never ignored.
/// </summary>
public static partial class LoadCommandLine
{
    /// <summary>The program's name in the help text.</summary>
    public const string Program = "VirtPerf.Mutilate";

    private static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null }; // '@x' is a value, not a file

    // Built on first use: the option fields of the other parts of this class are initialized by then.
    private static readonly Lazy<Command> Root = new(Command);
    private static readonly Lazy<string> Help = new(HelpText);

    /// <summary>What <c>--help</c> prints: the options, then how threads, connections and measuring connections work
    /// and which Mutilate options are refused.</summary>
    public static string Usage => Help.Value;

    /// <summary>True when <paramref name="arguments"/> ask for the help text (<c>-h</c>, <c>--help</c>, <c>-?</c>).</summary>
    public static bool AsksForHelp(IReadOnlyList<string> arguments) =>
        Root.Value.Parse(arguments, Parser).Action is HelpAction;

    /// <summary>Reads an argument list; throws <see cref="ArgumentException"/> naming the bad or refused option.</summary>
    public static (LoadOptions Options, LoadPlan Plan) Parse(IReadOnlyList<string> arguments)
    {
        var result = Root.Value.Parse(arguments, Parser);
        if (Refusals.FirstOrDefault(r => Given(result, r.Symbol)) is { } refused)
        {
            throw new ArgumentException($"{Names(refused.Symbol)} is a Mutilate option {Program} does not implement: {refused.Reason}.");
        }

        if (result.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Message)) + " (see --help)");
        }

        var (options, plan) = Bindings.Aggregate(Defaults, (run, binding) => binding.Read(result, run));
        if (options.Servers.Count == 0)
        {
            throw new ArgumentException("no server: give -s HOST[:PORT].");
        }

        if (options.MeasureConnections == 0 && (Given(result, MeasureQps) || Given(result, MeasureDepth)))
        {
            throw new ArgumentException("-Q and -D set the measuring connections, but there are none: add -C N.");
        }

        if (plan is { Search: not null, Scan: not null })
        {
            throw new ArgumentException("--search and --scan: give one of them.");
        }

        if (plan.SearchAsMutilate && !(plan.Search is { } search && LatencySummary.Kept.Contains(search.Percentile)))
        {
            throw new ArgumentException(
                $"--search-as-mutilate needs --search=N:X with N one of {string.Join(", ", LatencySummary.Kept)} (the percentiles of the gets' summary).");
        }

        if (plan.Seconds <= 0 || plan.WarmUpSeconds < 0 || plan.Iterations < 1 || (!plan.LoadPhase && !plan.Measure))
        {
            throw new ArgumentException("nothing to do or a negative time: -t must be > 0, -w >= 0, -n >= 1, and not both --noload and --loadonly.");
        }

        options.Validate();
        return (options, plan);
    }

    /// <summary>The argument list that <see cref="Parse"/> reads back as <paramref name="options"/> and
    /// <paramref name="plan"/>: every option that has a value, defaults included, in the order of the help.</summary>
    public static IReadOnlyList<string> Arguments(LoadOptions options, LoadPlan plan) =>
        [.. Bindings.SelectMany(binding => binding.Write(new Invocation(options, plan)))];

    private static Command Command()
    {
        var command = new Command(Program, "A Mutilate-equivalent memcached load generator (memcache ASCII protocol over TCP, TCP_NODELAY).");
        foreach (var symbol in Bindings.Select(b => b.Symbol).Concat(Refusals.Select(r => r.Symbol)))
        {
            command.Add(symbol);
        }

        command.Add(new HelpOption());
        return command;
    }

    private static string HelpText()
    {
        var text = new StringWriter();
        Root.Value.Parse(["--help"], Parser).Invoke(new InvocationConfiguration { Output = text });
        return text.ToString().TrimEnd() + "\n\n" + Notes.Trim() + "\n" + string.Concat(Refusals.Select(r => $"  {Names(r.Symbol),-30} {r.Reason}\n"));
    }

    /// <summary>True when the command line names <paramref name="symbol"/> (a flag's implicit false does not count).</summary>
    private static bool Given(ParseResult result, Option symbol) => result.GetResult(symbol) is { Implicit: false };

    private static string Names(Option symbol) => string.Join(", ", symbol.Aliases.Order().Append(symbol.Name));
}
