namespace VirtPerf.Rows.Tests;

/// <summary>Tests that measure on a real testbed run one after another and after the parallel unit tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostWideCollection
{
    public const string Name = "Host-wide";
}
