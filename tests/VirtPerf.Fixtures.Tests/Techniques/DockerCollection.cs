namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>Tests that use the Docker engine (or change DOCKER_HOST) run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerCollection
{
    public const string Name = "Docker engine";
}
