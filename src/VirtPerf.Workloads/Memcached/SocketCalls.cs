using System.Runtime.InteropServices;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// send(2) and recv(2) on a socket's descriptor, each call waiting or not as asked (MSG_DONTWAIT), so one blocking
/// socket serves both a loop that multiplexes several connections (calls that return at once, after ppoll) and a loop
/// with one connection that just waits for its reply in recv, without the ppoll in between. .NET's Socket has no
/// per-call MSG_DONTWAIT, and a socket it ever switched to non-blocking or asynchronous mode it serves through its
/// epoll thread.
/// </summary>
internal static class SocketCalls
{
    /// <summary>errno EINTR: a signal came first; ask again.</summary>
    public const int Interrupted = 4;

    /// <summary>errno EAGAIN: nothing to read or no room to send now, or SO_RCVTIMEO passed.</summary>
    public const int WouldBlock = 11;

    private const int DontWait = 0x40; // MSG_DONTWAIT
    private const int NoSignal = 0x4000; // MSG_NOSIGNAL: a closed peer is an EPIPE, not a SIGPIPE

    /// <summary>Sends what the socket takes now; the bytes sent, or -1 with <paramref name="error"/> (errno).</summary>
    public static int Send(int socket, ReadOnlySpan<byte> bytes, out int error) =>
        Result(SendCall(socket, ref MemoryMarshal.GetReference(bytes), (nuint)bytes.Length, DontWait | NoSignal), out error);

    /// <summary>Reads what arrived (waiting for it when <paramref name="wait"/>, up to the socket's SO_RCVTIMEO); the
    /// bytes read (0: the peer closed), or -1 with <paramref name="error"/> (errno).</summary>
    public static int Receive(int socket, Span<byte> buffer, bool wait, out int error) =>
        Result(ReceiveCall(socket, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length, wait ? 0 : DontWait), out error);

    /// <summary>What errno <paramref name="error"/> means, in words.</summary>
    public static string Describe(int error) => Marshal.GetPInvokeErrorMessage(error);

    private static int Result(nint result, out int error)
    {
        error = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)result;
    }

    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    private static extern nint SendCall(int socket, ref byte buffer, nuint length, int flags);

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static extern nint ReceiveCall(int socket, ref byte buffer, nuint length, int flags);
}
