using System.Globalization;
using VirtPerf.Benchmarks;

// Benchmarks of the framework itself, each printing a table. Usage:
//   driver-vs-netperf [rounds] [seconds]   the driver's figures against raw netperf's, alternately, same testbed
//   docker-start [starts]                  payload image build time and container technique start-to-ready
//   guest-boot [boots]                     initramfs build time and QEMU guest boot-to-ready
//   generator-cost [rounds] [seconds] [qps] DEBUG_DLL  the memcached load generator's own cost, against a bare get
//                                          loop, and as a process from a Debug build (DEBUG_DLL) and the suite's Release build
//   mutilate-search MUTILATE [rounds] [limit_us] [seconds] [server_cpus] [pinned] the generator's --search=99:X against Mutilate's (yours)
//   calibration FOLDER [minutes] [scenarios] real A/A gates on this testbed for that long (gates.jsonl in FOLDER)
//   calibration-inject FOLDER [gates] [scenarios] real injected slowdowns: accepted, true size, gates per scenario
//   calibration-table [--first-look] FOLDER... the coverage, false-alarm and detection table of recorded gates
//                                          (--first-look: as rows without an accepted overhead, budget verdicts alone)
//   calibration-excerpt OUTPUT.gz FOLDER... recorded A/A gates with only the judged figures, for the replay tests
//   reproducibility [--own|--replay] RUN_FOLDER... whether main-job runs' intervals of each row's headline overheads overlap
//                                          (--own: each run's pairs alone; --replay: the wander replayed from the runs given)
var arguments = args.Length > 0 ? args : ["driver-vs-netperf"];
IReadOnlyList<VirtPerf.Workloads.Scenario> ScenarioList(int index) =>
    arguments.Length > index
        ? arguments[index].Split(',').Select(Enum.Parse<VirtPerf.Workloads.Scenario>).ToList()
        : Enum.GetValues<VirtPerf.Workloads.Scenario>();
int Number(int index, int fallback) =>
    arguments.Length > index ? int.Parse(arguments[index], CultureInfo.InvariantCulture) : fallback;
double Fraction(int index, double fallback) =>
    arguments.Length > index ? double.Parse(arguments[index], CultureInfo.InvariantCulture) : fallback;

switch (arguments[0])
{
    case "driver-vs-netperf":
        return await DriverVsNetperf.RunAsync(rounds: Number(1, 5), seconds: Number(2, 5));
    case "docker-start":
        return await DockerStart.RunAsync(starts: Number(1, 5));
    case "guest-boot":
        return await GuestBoot.RunAsync(boots: Number(1, 3));
    case "generator-cost":
        return await GeneratorCost.RunAsync(rounds: Number(1, 5), seconds: Number(2, 3), qps: Number(3, 5000), arguments.ElementAtOrDefault(4));
    case "mutilate-search" when arguments.Length >= 2:
        return await MutilateSearch.RunAsync(arguments[1], rounds: Number(2, 10), limitMicroseconds: Number(3, 150), seconds: Number(4, 1), serverCpus: Fraction(5, 0.25),
            pinned: arguments.Length > 6 && arguments[6] == "pinned");
    case "calibration" when arguments.Length >= 2:
        return await Calibration.RunAsync(arguments[1], minutes: Number(2, 60), inject: false, injectedGates: 0, ScenarioList(3));
    case "calibration-inject" when arguments.Length >= 2:
        return await Calibration.RunAsync(arguments[1], minutes: 0, inject: true, injectedGates: Number(2, 10), ScenarioList(3));
    case "calibration-table" when arguments.Length >= 3 && arguments[1] == "--first-look":
        return CalibrationTable.Rejudged(arguments[2..], Console.Out, firstLook: true);
    case "calibration-table" when arguments.Length >= 2:
        return CalibrationTable.Rejudged(arguments[1..], Console.Out);
    case "calibration-excerpt" when arguments.Length >= 3:
        CalibrationGate.WriteCompressed(arguments[1], CalibrationGate.Read(arguments[2..]).Where(g => g.Kind is "accepted" or "aa").Select(g => g.Excerpt()));
        return 0;
    case "reproducibility" when arguments.Length >= 4 && arguments[1] is "--own" or "--replay":
        return Reproducibility.Run(arguments[2..], Console.Out, arguments[1] == "--own" ? Reproducibility.Intervals.Own : Reproducibility.Intervals.Replayed);
    case "reproducibility" when arguments.Length >= 3:
        return Reproducibility.Run(arguments[1..], Console.Out);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{arguments[0]}'. Known: driver-vs-netperf, docker-start, guest-boot, generator-cost, mutilate-search, calibration, calibration-inject, calibration-table, calibration-excerpt, reproducibility.");
        return 2;
}
