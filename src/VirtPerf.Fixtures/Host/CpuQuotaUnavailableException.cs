namespace VirtPerf.Fixtures.Host;

/// <summary>No CPU quota can be set on this host; the message says what is missing and how to get it. Tests skip.</summary>
public sealed class CpuQuotaUnavailableException(string reason, Exception? innerException = null)
    : Exception($"A CPU quota cannot be set here: {reason}", innerException);
