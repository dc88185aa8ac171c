namespace VirtPerf.Assertions.Baselines;

/// <summary>A baseline file cannot be used; the message names the file and the fix.</summary>
public sealed class BaselineException(string message, Exception? innerException = null) : Exception(message, innerException);
