using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Waits until one of a thread's sockets is ready or a Stopwatch time passes, to tens of microseconds and without
/// spinning: Linux's ppoll(2) takes nanoseconds, where Socket.Poll/Select and Thread.Sleep round to milliseconds
/// (open-loop gaps at thousands of requests per second are a few hundred microseconds), and it waits on the sockets
/// directly, where .NET's asynchronous sockets would hand every readiness to its epoll thread first.
/// </summary>
internal static class PreciseWait
{
    /// <summary>poll(2)'s POLLIN: bytes (or an end) to read.</summary>
    public const short Readable = 0x1;

    /// <summary>poll(2)'s POLLOUT: room to send.</summary>
    public const short Writable = 0x4;

    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK, prctl(2)
    private const int Interrupted = 4; // EINTR

    /// <summary>Makes this thread's timed waits end on time: Linux lets a normal thread's wake-up slip by its timer
    /// slack, 50 us by default, which would make every open-loop send late by about that much.</summary>
    public static void TightenTimerSlack() => Prctl(SetTimerSlack, 1, 0, 0, 0);

    /// <summary>Waits until one of <paramref name="sockets"/> is ready for what it asks or <paramref name="until"/>
    /// (a Stopwatch timestamp) passes; each entry's <see cref="PollFd.ReturnedEvents"/> then says what it is ready for
    /// (errors and hang-ups count as readable: the receive that follows reports them).</summary>
    public static void Wait(Span<PollFd> sockets, long until)
    {
        var remaining = Math.Max(0, until - Stopwatch.GetTimestamp());
        var nanoseconds = remaining * (1_000_000_000 / (double)Stopwatch.Frequency);
        var timeout = new TimeSpec { Seconds = (long)(nanoseconds / 1e9), Nanoseconds = (long)(nanoseconds % 1e9) };
        var ready = Ppoll(ref MemoryMarshal.GetReference(sockets), (ulong)sockets.Length, ref timeout, IntPtr.Zero);
        if (ready < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != Interrupted) // a signal: the caller's loop asks again
            {
                throw new MemcacheException($"ppoll failed with errno {error}.");
            }

            foreach (ref var socket in sockets)
            {
                socket.ReturnedEvents = 0;
            }
        }
    }

    [DllImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    private static extern int Ppoll(ref PollFd fds, ulong count, ref TimeSpec timeout, IntPtr signalMask);

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, ulong argument2, ulong argument3, ulong argument4, ulong argument5);

    /// <summary>poll(2)'s struct pollfd: a socket, what to wait for, and what it is ready for.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        /// <summary>The socket's file descriptor.</summary>
        public int Fd;

        /// <summary>What to wait for: <see cref="Readable"/>, <see cref="Writable"/>.</summary>
        public short Events;

        /// <summary>What it is ready for, after <see cref="Wait"/>.</summary>
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
