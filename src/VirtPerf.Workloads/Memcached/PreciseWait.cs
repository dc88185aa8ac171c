using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Waits until a socket is readable or a Stopwatch time passes, to tens of microseconds and without spinning:
/// Linux's ppoll(2) takes nanoseconds, where Socket.Poll and Thread.Sleep round to milliseconds (open-loop gaps at
/// thousands of requests per second are a few hundred microseconds).
/// </summary>
internal static class PreciseWait
{
    private const short PollIn = 0x1;
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK, prctl(2)

    /// <summary>Makes this thread's timed waits end on time: Linux lets a normal thread's wake-up slip by its timer
    /// slack, 50 us by default, which would make every open-loop send late by about that much.</summary>
    public static void TightenTimerSlack() => Prctl(SetTimerSlack, 1, 0, 0, 0);

    /// <summary>True when <paramref name="socket"/> has bytes (or an end) to read before <paramref name="until"/>.</summary>
    public static bool Readable(Socket socket, long until)
    {
        var remaining = until - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return socket.Available > 0;
        }

        var nanoseconds = remaining * (1_000_000_000 / (double)Stopwatch.Frequency);
        var timeout = new TimeSpec { Seconds = (long)(nanoseconds / 1e9), Nanoseconds = (long)(nanoseconds % 1e9) };
        var poll = new PollFd { Fd = (int)socket.Handle, Events = PollIn };
        var ready = Ppoll(ref poll, 1, ref timeout, IntPtr.Zero);
        if (ready < 0 && Marshal.GetLastPInvokeError() != 4) // EINTR: a signal; the caller's loop asks again
        {
            throw new MemcacheException($"ppoll failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return ready > 0;
    }

    [DllImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    private static extern int Ppoll(ref PollFd fds, ulong count, ref TimeSpec timeout, IntPtr signalMask);

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, ulong argument2, ulong argument3, ulong argument4, ulong argument5);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
