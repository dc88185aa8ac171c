namespace VirtPerf.Fixtures.Tests;

/// <summary>
/// Tests that act host-wide run one after another: leftover sweeps (a starting testbed fixture sweeps too, so a
/// parallel test could sweep another's planted leftover first), the Docker engine, and DOCKER_HOST changes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostWideCollection
{
    public const string Name = "Host-wide";
}
