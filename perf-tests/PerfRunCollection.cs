using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.PerfTests;

/// <summary>
/// Every technique class belongs to this collection: one testbed for the whole run, and rows run one at a time,
/// because two measurements on one machine would disturb each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PerfRunCollection : ICollectionFixture<TestbedFixture>, ICollectionFixture<ResultsFolder>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "VirtNetPerf run";
}
