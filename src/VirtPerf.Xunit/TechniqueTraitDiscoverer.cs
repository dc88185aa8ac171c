using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.Xunit;

/// <summary>Turns <see cref="TechniqueAttribute"/> into the trait <c>Technique</c>.</summary>
public sealed class TechniqueTraitDiscoverer : ITraitDiscoverer
{
    /// <summary>The trait's name.</summary>
    public const string TraitName = "Technique";

    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new(TraitName, traitAttribute.GetNamedArgument<string>(nameof(TechniqueAttribute.Name)));
    }
}
