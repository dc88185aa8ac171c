namespace VirtPerf.Fixtures.Host;

/// <summary>One kind of named host resource the project creates (namespaces, links, ...), listed and removed by name.</summary>
public interface IHostResources
{
    /// <summary>What a person calls this kind of resource, for cleanup reports.</summary>
    string Kind { get; }

    /// <summary>The names of the project's resources of this kind now on the host.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes one resource; a resource that is already gone is not an error.</summary>
    Task RemoveAsync(string name, CancellationToken cancellationToken);
}
