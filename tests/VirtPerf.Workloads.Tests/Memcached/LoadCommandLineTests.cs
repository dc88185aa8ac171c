using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>The generator's command line (Mutilate's, as it is written) and its JSON events, as the driver and entry
/// point share them.</summary>
public sealed class LoadCommandLineTests
{
    // Every option of Mutilate's cmdline.ggo (leverich/mutilate), with a value where it takes one.
    public static TheoryData<string> MutilateOptions => new()
    {
        "-v", "--verbose", "--quiet", "-s h", "--server=h", "--binary", "-q 1", "--qps=1", "-t 1", "--time=1", "-K 30",
        "--keysize=30", "-V 200", "--valuesize=200", "-r 10", "--records=10", "-u 0.5", "--update=0.5", "-U me",
        "--username=me", "-P pw", "--password=pw", "-T 2", "--threads=2", "--affinity", "-c 2", "--connections=2", "-d 2",
        "--depth=2", "-R", "--roundrobin", "-i fixed", "--iadist=fixed", "-S", "--skip", "--moderate", "--noload",
        "--loadonly", "-B", "--blocking", "--no_nodelay", "-w 1", "--warmup=1", "-W 1", "--wait=1", "--save=/tmp/x",
        "--search=95:1000", "--scan=1:3:1", "-A", "--agentmode", "-a h", "--agent=h", "-p 5556", "--agent_port=5556",
        "-l 2", "--lambda_mul=2", "-C 1", "--measure_connections=1", "-C 1 -Q 10", "-C 1 --measure_qps=10", "-C 1 -D 2",
        "-C 1 --measure_depth=2", "-h", "--help",
    };

    [Fact]
    public void A_bare_run_has_mutilates_defaults()
    {
        var (options, plan) = LoadCommandLine.Parse(["-s", "127.0.0.1"]);

        options.Should().BeEquivalentTo(new LoadOptions
        {
            Servers = [new("127.0.0.1", 11211)], KeySize = "30", ValueSize = "200", InterArrival = "exponential", Records = 10_000,
            UpdateRatio = 0, Connections = 1, Threads = 1, Depth = 1, Qps = 0, MeasureConnections = 0,
        });
        plan.Should().Be(new LoadPlan(Seconds: 5, WarmUpSeconds: 0, Iterations: 1, LoadPhase: true, Measure: true));
    }

    [Theory]
    [InlineData("-s 127.0.0.1 --keysize=fb_key", "-s 127.0.0.1:11211 -K fb_key")]
    [InlineData("-s 127.0.0.1 -c4", "-s 127.0.0.1:11211 -c 4")]
    [InlineData("-s 127.0.0.1 --qps=1000", "-s 127.0.0.1:11211 -q 1000")]
    [InlineData("-s 127.0.0.1 --search=99:500", "-s 127.0.0.1:11211 --search 99:500")]
    [InlineData("-s 127.0.0.1 --scan=1000:5000:1000", "-s 127.0.0.1:11211 --scan 1000:5000:1000")]
    [InlineData("-s 127.0.0.1 -T 2", "-s 127.0.0.1:11211 --threads 2")]
    [InlineData("-s 127.0.0.1 --noload", "-s 127.0.0.1:11211 --noload")]
    [InlineData("-s 127.0.0.1:11211 -s 127.0.0.1:11212", "--server 127.0.0.1:11211 --server=127.0.0.1:11212")]
    [InlineData("-s 127.0.0.1 -C1 -Q500 -D2", "-s 127.0.0.1:11211 --measure_connections 1 --measure_qps 500 --measure_depth 2")]
    [InlineData("--server=h:1 -r5000 -u0.03 -d16 -t50 -w5 -n10 -ifb_ia -Vfb_value --save=/tmp/s --seed=3 --json",
        "-s h:1 -r 5000 -u 0.03 -d 16 -t 50 -w 5 -n 10 -i fb_ia -V fb_value --save /tmp/s --seed 3 --json")]
    public void A_mutilate_command_line_runs_as_it_is_written(string commandLine, string plainly)
    {
        var written = LoadCommandLine.Parse(commandLine.Split(' '));

        written.Should().BeEquivalentTo(LoadCommandLine.Parse(plainly.Split(' ')));
        var bare = LoadCommandLine.Parse(["-s", "127.0.0.1"]);
        LoadCommandLine.Arguments(written.Options, written.Plan).Should().NotEqual(LoadCommandLine.Arguments(bare.Options, bare.Plan), "every row changes something");
    }

    [Fact]
    public void The_options_mutilate_writes_land_where_they_mean()
    {
        var (options, plan) = LoadCommandLine.Parse(
            "-s 127.0.0.1:11211 -s 127.0.0.1:11212 --keysize=fb_key -c4 -T 2 --qps=1000 --noload --search=99:500 -C 2 -Q 300".Split(' '));

        options.Should().BeEquivalentTo(new LoadOptions
        {
            Servers = [new("127.0.0.1", 11211), new("127.0.0.1", 11212)], KeySize = "fb_key", Connections = 4, Threads = 2,
            Qps = 1000, MeasureConnections = 2, MeasureQps = 300,
        });
        options.RecordsPerServer.Should().Be(5000, "Mutilate divides -r over the servers");
        plan.Should().Be(new LoadPlan(LoadPhase: false, Search: new SearchTarget(99, 500)));
        LoadCommandLine.Parse(["-s", "h", "--scan=1000:5000:1000"]).Plan.Scan.Should().Be(new ScanRange(1000, 5000, 1000));
    }

    [Fact]
    public void The_arguments_built_for_a_run_read_back_as_the_same_run()
    {
        var options = new LoadOptions
        {
            Servers = [new("198.18.3.2", 21211), new("198.18.3.3", 11211)], Records = 500, UpdateRatio = 0.25, Threads = 3,
            Connections = 5, Depth = 7, Qps = 12345.5, KeySize = "fb_key", ValueSize = "fb_value", InterArrival = "fb_ia", Seed = 9,
            MeasureConnections = 2, MeasureQps = 250, MeasureDepth = 3, Save = "/tmp/samples.txt",
        };
        var search = new LoadPlan(2, 1, 5, LoadPhase: false, Measure: true, Json: true, Search: new SearchTarget(99.9, 250.5));
        var mutilates = search with { SearchAsMutilate = true };
        var scan = new LoadPlan(3, 0.5, 2, Scan: new ScanRange(1000, 9000.5, 250));

        // BeEquivalentTo: a record's equality compares the server list by reference.
        LoadCommandLine.Parse(LoadCommandLine.Arguments(options, search)).Should().BeEquivalentTo((options, search));
        LoadCommandLine.Parse(LoadCommandLine.Arguments(options, mutilates)).Should().BeEquivalentTo((options, mutilates));
        LoadCommandLine.Parse(LoadCommandLine.Arguments(options, scan)).Should().BeEquivalentTo((options, scan));
        LoadCommandLine.Parse(LoadCommandLine.Arguments(options with { Save = null }, new LoadPlan(Measure: false)))
            .Should().BeEquivalentTo((options with { Save = null }, new LoadPlan(Measure: false)));
    }

    [Theory]
    [MemberData(nameof(MutilateOptions))]
    public void Every_mutilate_option_is_either_understood_or_refused_by_name(string option)
    {
        if (LoadCommandLine.AsksForHelp(option.Split(' ')))
        {
            LoadCommandLine.Usage.Should().Contain("--measure_connections").And.Contain("Mutilate options refused");
            return;
        }

        var error = ErrorOf(() => LoadCommandLine.Parse(["-s", "h", .. option.Split(' ')]));

        if (error is not null)
        {
            error.Should().Contain("is a Mutilate option VirtPerf.Mutilate does not implement", "Mutilate's {0} is never unknown", option);
        }
    }

    [Theory]
    [InlineData("--binary", "--binary is a Mutilate option VirtPerf.Mutilate does not implement: the binary protocol*")]
    [InlineData("-U me", "-U, --username is a Mutilate option*SASL*")]
    [InlineData("--password=pw", "-P, --password is a Mutilate option*SASL*")]
    [InlineData("--affinity", "--affinity is a Mutilate option*taskset*")]
    [InlineData("-R", "-R, --roundrobin is a Mutilate option*")]
    [InlineData("-S", "-S, --skip is a Mutilate option*")]
    [InlineData("--moderate", "--moderate is a Mutilate option*")]
    [InlineData("-B", "-B, --blocking is a Mutilate option*ppoll*")]
    [InlineData("--no_nodelay", "--no_nodelay is a Mutilate option*TCP_NODELAY*")]
    [InlineData("-A", "-A, --agentmode is a Mutilate option*agents*")]
    [InlineData("-a agent1", "-a, --agent is a Mutilate option*agents*")]
    [InlineData("-p 5556", "-p, --agent_port is a Mutilate option*agents*")]
    [InlineData("--lambda_mul=2", "-l, --lambda_mul is a Mutilate option*agents*")]
    [InlineData("-W 2", "-W, --wait is a Mutilate option*-w*")]
    [InlineData("-vv", "-v, --verbose is a Mutilate option*")]
    [InlineData("--quiet", "--quiet is a Mutilate option*")]
    public void A_mutilate_option_not_implemented_is_refused_by_name(string option, string message)
    {
        var act = () => LoadCommandLine.Parse(["-s", "h", "-c4", .. option.Split(' ')]);

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Theory]
    [InlineData("-r 10", "no server: give -s HOST[:PORT].")]
    [InlineData("-s h --bogus", "Unrecognized command or argument '--bogus'. (see --help)")]
    [InlineData("-s h -c", "Required argument missing for option: '-c'. (see --help)")]
    [InlineData("-s h -c many", "Cannot parse argument 'many' for option '--connections'*")]
    [InlineData("-s h:port", "-s 'h:port': the port after ':' is not a number.*")]
    [InlineData("-s h -K fb_kee", "key size 'fb_kee' is not a size distribution: use one of fb_key, fb_value, N (a fixed size).")]
    [InlineData("-s h -i poisson", "inter-arrival distribution 'poisson' is unknown: use one of fb_ia, exponential, fixed.")]
    [InlineData("-s h --noload --loadonly", "nothing to do*")]
    [InlineData("-s h --search=99", "--search '99': use N:X, a percentile between 0 and 100 and a latency limit in microseconds (e.g. --search=99:500).*")]
    [InlineData("-s h --search=100:5", "--search '100:5': use N:X*")]
    [InlineData("-s h --scan=5:1:1", "--scan '5:1:1': use MIN:MAX:STEP in requests/s with 0 < MIN <= MAX and STEP > 0 (e.g. --scan=1000:5000:1000).*")]
    [InlineData("-s h --scan=1:5:0", "--scan '1:5:0': use MIN:MAX:STEP*")]
    [InlineData("-s h --scan=1000:5000", "--scan '1000:5000': use MIN:MAX:STEP*")]
    [InlineData("-s h --search=99:500 --scan=1:2:1", "--search and --scan: give one of them.")]
    [InlineData("-s h --search-as-mutilate", "--search-as-mutilate needs --search=N:X with N one of 1, 5, 10, 50, 90, 95, 99, 99.9*")]
    [InlineData("-s h --search=99.5:500 --search-as-mutilate", "--search-as-mutilate needs --search=N:X*")]
    [InlineData("-s h -Q 500", "-Q and -D set the measuring connections, but there are none: add -C N.")]
    [InlineData("-s h -T 0", "threads 0 is out of range*")]
    [InlineData("-s h -T 2 -c 512 -C 1", "connections per server 1025 is out of range*")]
    public void Bad_arguments_name_the_option_and_the_fix(string commandLine, string message)
    {
        var act = () => LoadCommandLine.Parse(commandLine.Split(' '));

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Options_are_case_sensitive_as_in_mutilate()
    {
        var (options, _) = LoadCommandLine.Parse("-s h -c 3 -C 2 -q 5 -Q 7 -d 4 -D 6".Split(' '));

        (options.Connections, options.MeasureConnections, options.Qps, options.MeasureQps, options.Depth, options.MeasureDepth)
            .Should().Be((3, 2, 5.0, 7.0, 4, 6));
    }

    [Fact]
    public void Events_travel_as_one_json_line_each()
    {
        var summary = new LatencySummary(10, 20, 21, 22, 23, 30, 40, 45, 60, 70, 80, 31.5, 5.25);
        var measured = new LoadEvent(LoadEventKind.Measured, 3, new LoadResult(2, 100, 3, 1, 0, 5000, 40000, 0.5, summary, summary, null, null)
        {
            RequestsPerConnection = [60, 43],
        });

        var line = measured.ToJson();
        var back = LoadEvent.Parse(line);

        line.Should().NotContain("\n").And.Contain("\"kind\":\"Measured\"").And.Contain("\"requestsPerConnection\":[60,43]");
        back.Should().BeEquivalentTo(measured);
        back.Result!.Qps.Should().Be(51.5);
    }

    [Theory]
    [InlineData(Scenario.MemcachedUpdate, 1.0, false)]
    [InlineData(Scenario.MemcachedRead, 0.0, true)]
    [InlineData(Scenario.MemcachedMixed, 0.03, true)]
    public void Each_scenario_runs_the_studys_mutilate_settings(Scenario scenario, double updateRatio, bool loadPhase)
    {
        var (options, load) = MemcachedDriver.Settings(scenario, "198.18.1.2", 11211);

        options.UpdateRatio.Should().Be(updateRatio);
        load.Should().Be(loadPhase);
        (options.Connections, options.Threads, options.Depth, options.Qps, options.Records, options.MeasureConnections)
            .Should().Be((1, 1, 1, 0.0, 10_000, 0), "Mutilate's defaults, as the study ran it");
        (options.KeySize, options.ValueSize, options.InterArrival).Should().Be(("fb_key", "fb_value", "fb_ia"), "the study's ETC workload, given explicitly");
    }

    [Fact]
    public void The_driver_passes_the_studys_settings_explicitly()
    {
        var (options, load) = MemcachedDriver.Settings(Scenario.MemcachedMixed, "198.18.1.2", 11211);

        string.Join(' ', LoadCommandLine.Arguments(options, new LoadPlan(10, 2, 5, load, Json: true)))
            .Should().Be("-s 198.18.1.2:11211 -q 0 -t 10 -K fb_key -V fb_value -r 10000 -u 0.03 -T 1 -c 1 -d 1 -i fb_ia -w 2 -n 5 --seed 1 --json");
    }

    private static string? ErrorOf(Func<(LoadOptions, LoadPlan)> parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
