namespace VirtPerf.Fixtures.Host;

/// <summary>What the run registry knows of one run: who owns it and which processes it started.</summary>
/// <param name="RunId">The run id in every resource name of the run.</param>
/// <param name="Owner">The process running the run; once it is gone, everything of the run is a leftover.</param>
/// <param name="Started">When the run began.</param>
/// <param name="Processes">Long-lived processes the run started (netserver, memcached, qemu), to end by id.</param>
public sealed record RunRecord(
    string RunId,
    ProcessIdentity Owner,
    DateTimeOffset Started,
    IReadOnlyList<StartedProcess> Processes);

/// <summary>A process a run started, with the command line that started it.</summary>
public sealed record StartedProcess(ProcessIdentity Process, string CommandLine);
