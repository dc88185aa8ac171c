using Xunit.Sdk;

namespace VirtPerf.Xunit;

/// <summary>
/// Marks a test class as the rows of one technique: trait <c>Technique</c> = its name, so
/// <c>dotnet test --filter Technique=BareMetal</c> selects it. Put it on the concrete class: xUnit drops an
/// inherited class trait once the subclass has a trait of its own.
/// </summary>
[TraitDiscoverer("VirtPerf.Xunit." + nameof(TechniqueTraitDiscoverer), "VirtPerf.Xunit")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TechniqueAttribute(string name) : Attribute, ITraitAttribute
{
    /// <summary>The technique's trait value.</summary>
    public string Name { get; } = name;
}
