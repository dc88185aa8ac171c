using System.Globalization;
using VirtPerf.Benchmarks;

// Benchmarks of the framework itself, each printing a table. Usage:
//   driver-vs-netperf [rounds] [seconds]   the driver's figures against raw netperf's, alternately, same testbed
//   docker-start [starts]                  payload image build time and container technique start-to-ready
//   guest-boot [boots]                     initramfs build time and QEMU guest boot-to-ready
//   generator-cost [rounds] [seconds] [qps] the memcached load generator's own cost, and against a bare get loop
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
    default:
        Console.Error.WriteLine($"Unknown benchmark '{arguments[0]}'. Known: driver-vs-netperf, docker-start, guest-boot, generator-cost");
        return 2;
}
