using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Workloads.Tests.Netperf;

public sealed class NetperfOutputTests
{
    [Theory]
    [InlineData(Scenario.TCP_RR)]
    [InlineData(Scenario.TCP_CRR)]
    [InlineData(Scenario.UDP_RR)]
    public void Parses_every_selector_of_a_real_request_response_run(Scenario scenario)
    {
        var test = scenario.ToString();
        var result = NetperfOutput.Parse(CapturedRun.Load(test), scenario);

        double Expected(string key) => double.Parse(CapturedRun.Value(test, key), CultureInfo.InvariantCulture);
        result.TransactionRate.Should().Be(Expected("TRANSACTION_RATE"));
        result.Latency.Should().Be(new NetperfLatency(
            Expected("MIN_LATENCY"), Expected("MEAN_LATENCY"), Expected("STDDEV_LATENCY"),
            Expected("P50_LATENCY"), Expected("P90_LATENCY"), Expected("P99_LATENCY"), Expected("MAX_LATENCY")));
        result.LocalCpu.Should().Be(Expected("LOCAL_CPU_UTIL"));
        result.RemoteCpu.Should().Be(Expected("REMOTE_CPU_UTIL"));
        result.ElapsedSeconds.Should().Be(Expected("ELAPSED_TIME"));
    }

    [Theory]
    [InlineData(Scenario.TCP_STREAM)]
    [InlineData(Scenario.TCP_MAERTS)]
    [InlineData(Scenario.UDP_STREAM)]
    public void Parses_every_selector_of_a_real_stream_run(Scenario scenario)
    {
        var test = scenario.ToString();
        var result = NetperfOutput.Parse(CapturedRun.Load(test), scenario);

        double Expected(string key) => double.Parse(CapturedRun.Value(test, key), CultureInfo.InvariantCulture);
        result.Throughput.Should().Be(Expected("THROUGHPUT"));
        result.Latency.Should().BeNull("stream runs do not ask for latency");
        result.LocalCpu.Should().Be(Expected("LOCAL_CPU_UTIL"));
        result.RemoteCpu.Should().Be(Expected("REMOTE_CPU_UTIL"));
        result.ElapsedSeconds.Should().Be(Expected("ELAPSED_TIME"));
    }

    [Fact]
    public void Request_response_runs_report_latency_and_transaction_rate_but_no_throughput()
    {
        var metrics = NetperfOutput.Parse(CapturedRun.Load("TCP_RR"), Scenario.TCP_RR).ToMetrics();

        metrics.Keys.Should().BeEquivalentTo(
        [
            Metric.TransactionRate, Metric.LatencyMin, Metric.LatencyMean, Metric.LatencyStddev, Metric.LatencyP50,
            Metric.LatencyP90, Metric.LatencyP99, Metric.LatencyMax, Metric.ClientCpu, Metric.SutCpu,
        ]);
        metrics[Metric.LatencyP50].Should().BeGreaterThan(0);
    }

    [Fact]
    public void Stream_runs_report_throughput_and_cpu_only()
    {
        var metrics = NetperfOutput.Parse(CapturedRun.Load("UDP_STREAM"), Scenario.UDP_STREAM).ToMetrics();

        metrics.Keys.Should().BeEquivalentTo([Metric.Throughput, Metric.ClientCpu, Metric.SutCpu]);
        metrics[Metric.Throughput].Should().Be(double.Parse(CapturedRun.Value("UDP_STREAM", "THROUGHPUT"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_run_that_did_not_ask_for_the_SUTs_CPU_has_no_SutCpu_rather_than_netperfs_minus_one()
    {
        var result = NetperfOutput.Parse(CapturedRun.Load("TCP_RR-no-remote-cpu"), Scenario.TCP_RR, remoteCpu: false);

        result.RemoteCpu.Should().BeNull();
        result.ToMetrics().Keys.Should().Contain([Metric.ClientCpu, Metric.LatencyP50]).And.NotContain(Metric.SutCpu);
    }

    [Fact]
    public void A_run_that_asked_for_the_SUTs_CPU_but_lacks_it_is_refused()
    {
        var parse = () => NetperfOutput.Parse(CapturedRun.Load("TCP_RR-no-remote-cpu"), Scenario.TCP_RR);

        parse.Should().Throw<ToolException>().WithMessage("*lacks REMOTE_CPU_UTIL*");
    }

    [Fact]
    public void Truncated_output_names_the_missing_selectors_and_quotes_the_command_and_output()
    {
        var full = CapturedRun.Load("TCP_RR");
        var truncated = full with { StandardOutput = string.Join('\n', full.StandardOutput.Split('\n').Take(9)) };

        var parse = () => NetperfOutput.Parse(truncated, Scenario.TCP_RR);

        parse.Should().Throw<ToolException>()
            .Which.Message.Should().Contain("lacks STDDEV_LATENCY, P50_LATENCY, P90_LATENCY, P99_LATENCY, MAX_LATENCY")
            .And.Contain(full.CommandLine)
            .And.Contain("MIGRATED TCP REQUEST/RESPONSE TEST");
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_named()
    {
        var run = CapturedRun.Load("TCP_RR");
        var broken = run with { StandardOutput = run.StandardOutput.Replace("MEAN_LATENCY=", "MEAN_LATENCY=n/a", StringComparison.Ordinal) };

        var parse = () => NetperfOutput.Parse(broken, Scenario.TCP_RR);

        parse.Should().Throw<ToolException>().WithMessage("netperf's MEAN_LATENCY is 'n/a*', not a number.*");
    }

    [Fact]
    public void Throughput_in_other_units_is_refused_rather_than_misread()
    {
        var parse = () => NetperfOutput.Parse(CapturedRun.Load("units-kbits"), Scenario.TCP_STREAM);

        parse.Should().Throw<ToolException>().WithMessage("*reported throughput in '10^3bits/s', expected '10^6bits/s'*");
    }

    [Fact]
    public void Error_output_is_not_mistaken_for_a_result()
    {
        var parse = () => NetperfOutput.Parse(CapturedRun.Load("refused"), Scenario.TCP_RR);

        parse.Should().Throw<ToolException>()
            .Which.Message.Should().Contain("lacks THROUGHPUT").And.Contain("establish control");
    }
}
