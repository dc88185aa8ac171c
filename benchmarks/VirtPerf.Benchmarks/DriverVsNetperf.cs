using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Netperf;

namespace VirtPerf.Benchmarks;

/// <summary>
/// Does the driver measure what netperf measures? Raw netperf (no driver options: no -j, no -c/-C, no keyval
/// output; <c>-P 0 -v 0</c> prints one number) and the driver run alternately on the same testbed. For TCP_RR
/// with one transaction in flight, raw mean latency is 10^6 / transaction rate (netperf manual, section 6.2.1).
/// </summary>
internal static class DriverVsNetperf
{
    public static async Task<int> RunAsync(int rounds, int seconds)
    {
        await using var run = await BenchmarkRun.StartAsync();
        var client = ClientHost.InNamespace(run.Testbed.ClientNamespace);
        var driver = new NetperfDriver(client);
        var target = new NetperfTarget(run.Testbed.HostAddress.ToString());
        Console.WriteLine($"driver vs raw netperf {await driver.VersionAsync()}: {rounds} rounds of {seconds} s each, "
            + $"client netns {run.Testbed.ClientNamespace} -> {target.Host}, {Environment.ProcessorCount} CPUs");
        Console.WriteLine();
        Console.WriteLine("round | TCP_RR mean latency (us)    | TCP_STREAM throughput (Mbit/s)");
        Console.WriteLine("      |    raw   driver   ratio     |      raw    driver   ratio");
        Console.WriteLine("------+-----------------------------+-------------------------------");

        var latencyRatios = new List<double>();
        var throughputRatios = new List<double>();
        var rawLatencies = new List<double>();
        var rawThroughputs = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate which goes first so a drift over time does not favour one side.
            var rawFirst = round % 2 == 1;
            double rawRate, driverLatency, rawThroughput, driverThroughput;
            if (rawFirst)
            {
                rawRate = await RawAsync(client, target, "TCP_RR", seconds);
                driverLatency = (await driver.RunAsync(Scenario.TCP_RR, target, seconds)).Latency!.Mean;
                rawThroughput = await RawAsync(client, target, "TCP_STREAM", seconds);
                driverThroughput = (await driver.RunAsync(Scenario.TCP_STREAM, target, seconds)).Throughput;
            }
            else
            {
                driverLatency = (await driver.RunAsync(Scenario.TCP_RR, target, seconds)).Latency!.Mean;
                rawRate = await RawAsync(client, target, "TCP_RR", seconds);
                driverThroughput = (await driver.RunAsync(Scenario.TCP_STREAM, target, seconds)).Throughput;
                rawThroughput = await RawAsync(client, target, "TCP_STREAM", seconds);
            }

            var rawLatency = 1e6 / rawRate;
            rawLatencies.Add(rawLatency);
            rawThroughputs.Add(rawThroughput);
            latencyRatios.Add(driverLatency / rawLatency);
            throughputRatios.Add(driverThroughput / rawThroughput);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round,5} | {rawLatency,6:0.0} {driverLatency,8:0.0} {latencyRatios[^1],7:0.00}     | {rawThroughput,8:0} {driverThroughput,9:0} {throughputRatios[^1],7:0.00}"));
        }

        Console.WriteLine("------+-----------------------------+-------------------------------");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median ratio (driver / raw): TCP_RR mean latency {Medians.Of(latencyRatios):0.00}, TCP_STREAM throughput {Medians.Of(throughputRatios):0.00}  (target 0.90 to 1.10)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw netperf's own spread (max / min over rounds): TCP_RR {rawLatencies.Max() / rawLatencies.Min():0.00}, TCP_STREAM {rawThroughputs.Max() / rawThroughputs.Min():0.00}"));
        return 0;
    }

    private static async Task<double> RawAsync(ClientHost client, NetperfTarget target, string test, int seconds)
    {
        // -v 0 prints one number: the transaction rate for RR tests, the throughput in -f units for stream tests.
        string[] units = test == "TCP_STREAM" ? ["-f", "m"] : [];
        var (tool, arguments) = client.Command(
            "netperf", ["-H", target.Host, "-t", test, "-l", seconds.ToString(CultureInfo.InvariantCulture), .. units, "-P", "0", "-v", "0"]);
        var result = await Tool.RunAsync(tool, arguments);
        return double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }
}
