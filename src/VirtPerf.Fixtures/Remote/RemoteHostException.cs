namespace VirtPerf.Fixtures.Remote;

/// <summary>The remote SUT host cannot be used: unreachable, an unverified host key, refused login, or missing
/// pieces. The message names the host and the fix.</summary>
public sealed class RemoteHostException(string message, Exception? inner = null) : Exception(message, inner);
