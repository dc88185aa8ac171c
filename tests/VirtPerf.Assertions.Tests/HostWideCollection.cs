namespace VirtPerf.Assertions.Tests;

/// <summary>
/// Tests that measure on a real testbed run one after another and after the parallel unit tests (xUnit runs
/// non-parallel collections last), so no CPU-heavy neighbour in this assembly skews their numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostWideCollection
{
    public const string Name = "Host-wide";
}
