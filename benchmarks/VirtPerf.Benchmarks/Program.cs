using System.Globalization;
using VirtPerf.Benchmarks;

// Benchmarks of the framework itself, each printing a table. Usage:
//   driver-vs-netperf [rounds] [seconds]   the driver's figures against raw netperf's, alternately, same testbed
//   docker-start [starts]                  payload image build time and container technique start-to-ready
//   guest-boot [boots]                     initramfs build time and QEMU guest boot-to-ready
//   generator-cost [rounds] [seconds] [qps] the memcached load generator's own cost, and against a bare get loop
//   extract-noise RESULTS_DIR OUTPUT       pool the iteration-to-iteration noise of a results directory (noise.json)
//   gate-simulation [gates] [spread] [noise] false-alarm and detection rates of the gate on the committed noise
//                                          (spread: factor on the noise, 1 = as recorded; noise: another noise file)
var arguments = args.Length > 0 ? args : ["driver-vs-netperf"];
int Number(int index, int fallback) =>
    arguments.Length > index ? int.Parse(arguments[index], CultureInfo.InvariantCulture) : fallback;

switch (arguments[0])
{
    case "driver-vs-netperf":
        return await DriverVsNetperf.RunAsync(rounds: Number(1, 5), seconds: Number(2, 5));
    case "docker-start":
        return await DockerStart.RunAsync(starts: Number(1, 5));
    case "guest-boot":
        return await GuestBoot.RunAsync(boots: Number(1, 3));
    case "generator-cost":
        return await GeneratorCost.RunAsync(rounds: Number(1, 5), seconds: Number(2, 3), qps: Number(3, 5000));
    case "extract-noise" when arguments.Length == 3:
        return NoiseExtraction.Run(resultsDirectory: arguments[1], output: arguments[2]);
    case "extract-noise":
        Console.Error.WriteLine("Usage: extract-noise RESULTS_DIR OUTPUT");
        return 2;
    case "gate-simulation":
        return GateSimulation.Run(
            gates: Number(1, 1000),
            spread: arguments.Length > 2 ? double.Parse(arguments[2], CultureInfo.InvariantCulture) : null,
            noisePath: arguments.Length > 3 ? arguments[3] : GateSimulation.NoisePath);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{arguments[0]}'. Known: driver-vs-netperf, docker-start, guest-boot, generator-cost, extract-noise, gate-simulation.");
        return 2;
}
