namespace VirtPerf.PerfTests.Tests;

/// <summary>Tests that start a testbed (through a suite of their own) and end processes on the host run one after
/// another, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostWideCollection
{
    public const string Name = "Host-wide";
}
