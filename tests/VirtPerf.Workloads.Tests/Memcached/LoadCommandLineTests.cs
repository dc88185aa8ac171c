using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>The generator's command line (Mutilate's options) and its JSON events, as the driver and entry point share them.</summary>
public sealed class LoadCommandLineTests
{
    [Fact]
    public void Mutilate_style_options_are_read()
    {
        var (options, plan) = LoadCommandLine.Parse(
            ["-s", "198.18.3.2", "-r", "5000", "-u", "0.03", "-c", "4", "-d", "16", "-q", "20000", "-t", "50", "-w", "5", "-n", "10", "-K", "30", "-i", "exponential", "--json"]);

        options.Should().Be(new LoadOptions
        {
            Server = "198.18.3.2", Port = 11211, Records = 5000, UpdateRatio = 0.03, Connections = 4, Depth = 16, Qps = 20000,
            KeySize = "30", InterArrival = "exponential",
        });
        plan.Should().Be(new LoadPlan(Seconds: 50, WarmUpSeconds: 5, Iterations: 10, LoadPhase: true, Measure: true, Json: true));
    }

    [Fact]
    public void The_arguments_built_for_a_run_read_back_as_the_same_run()
    {
        var options = new LoadOptions { Server = "198.18.3.2", Port = 21211, UpdateRatio = 1.0, Seed = 9 };
        var plan = new LoadPlan(2, 1, 5, LoadPhase: false, Measure: true, Json: true);

        LoadCommandLine.Parse(LoadCommandLine.Arguments(options, plan)).Should().Be((options, plan));
    }

    [Theory]
    [InlineData(new[] { "-r", "10" }, "no server: give -s HOST[:PORT].")]
    [InlineData(new[] { "-s", "h", "--bogus" }, "unknown option '--bogus' (see --help).")]
    [InlineData(new[] { "-s", "h", "-c" }, "-c needs a value.")]
    [InlineData(new[] { "-s", "h", "-c", "many" }, "-c needs a whole number, not 'many'.")]
    [InlineData(new[] { "-s", "h:port" }, "-s 'h:port': the port after ':' is not a number.")]
    [InlineData(new[] { "-s", "h", "-K", "fb_kee" }, "key size 'fb_kee' is not a size distribution: use one of fb_key, fb_value, N (a fixed size).")]
    [InlineData(new[] { "-s", "h", "-i", "poisson" }, "inter-arrival distribution 'poisson' is unknown: use one of fb_ia, exponential, fixed.")]
    [InlineData(new[] { "-s", "h", "--noload", "--loadonly" }, "nothing to do*")]
    public void Bad_arguments_name_the_option_and_the_fix(string[] arguments, string message)
    {
        var act = () => LoadCommandLine.Parse(arguments);

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Events_travel_as_one_json_line_each()
    {
        var summary = new LatencySummary(10, 20, 21, 22, 23, 30, 40, 45, 60, 70, 80, 31.5, 5.25);
        var measured = new LoadEvent(LoadEventKind.Measured, 3, new LoadResult(2, 100, 3, 1, 0, 5000, 40000, 0.5, summary, summary, null, null));

        var line = measured.ToJson();
        var back = LoadEvent.Parse(line);

        line.Should().NotContain("\n").And.Contain("\"kind\":\"Measured\"");
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
        (options.Connections, options.Depth, options.Qps, options.Records).Should().Be((1, 1, 0.0, 10_000), "Mutilate's defaults, as the study ran it");
        (options.KeySize, options.ValueSize).Should().Be(("fb_key", "fb_value"));
    }
}
