namespace VirtPerf.Fixtures.Techniques;

/// <summary>A technique cannot run on this testbed; its message says what is missing and how to get it. Rows skip.</summary>
public sealed class TechniqueUnavailableException(string reason) : Exception(reason);
