using VirtPerf.Workloads;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.Xunit;

/// <summary>Turns <see cref="TechniqueAttribute"/> into the traits <c>Technique</c> (its name) and <c>Matrix</c>
/// (<c>Study</c> for the study's techniques, <c>Beyond</c> for the others: <see cref="Techniques.MatrixOf"/>).</summary>
public sealed class TechniqueTraitDiscoverer : ITraitDiscoverer
{
    /// <summary>The trait's name.</summary>
    public const string TraitName = "Technique";

    /// <summary>The name of the trait that tells the study's techniques from the others.</summary>
    public const string MatrixTraitName = "Matrix";

    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var name = traitAttribute.GetNamedArgument<string>(nameof(TechniqueAttribute.Name));
        yield return new(TraitName, name);
        yield return new(MatrixTraitName, Techniques.MatrixOf(name));
    }
}
