using System.Diagnostics;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// One thread's connections driven by one loop, as a Mutilate thread drives its connections from one libevent loop:
/// issue what is due on every connection, wait in <see cref="PreciseWait"/> until a socket is ready or the next
/// request is due, read what arrived; until no connection has anything left to send or to wait for. A loop of one
/// connection that waits for nothing but its reply waits in recv(2) itself: one system call per round trip less,
/// which keeps the depth-1 closed loop as fast as a bare blocking get loop (benchmarks/generator-cost.sh).
/// </summary>
internal static class LoadLoop
{
    /// <summary>Drives <paramref name="connections"/> (each started with its load or run) until all are done.</summary>
    public static void Drive(IReadOnlyList<LoadConnection> connections)
    {
        PreciseWait.TightenTimerSlack();
        var sockets = new PreciseWait.PollFd[connections.Count];
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var wake = long.MaxValue;
            var active = false;
            for (var i = 0; i < connections.Count; i++)
            {
                var connection = connections[i];
                connection.Issue(now);
                if (!connection.IsActive(now))
                {
                    sockets[i] = new PreciseWait.PollFd { Fd = -1 }; // poll(2) skips a negative descriptor
                    continue;
                }

                connection.CheckTimeout(now);
                active = true;
                wake = Math.Min(wake, connection.WakeAt(now));
                sockets[i] = new PreciseWait.PollFd { Fd = connection.Descriptor, Events = connection.Interest };
            }

            if (!active)
            {
                return;
            }

            if (connections.Count == 1 && connections[0].AwaitsOnlyReplies(now))
            {
                connections[0].Receive(wait: true);
                continue;
            }

            PreciseWait.Wait(sockets, wake);
            for (var i = 0; i < connections.Count; i++)
            {
                var ready = sockets[i].ReturnedEvents;
                if ((ready & PreciseWait.Writable) != 0)
                {
                    connections[i].Send();
                }

                if ((ready & ~PreciseWait.Writable) != 0)
                {
                    connections[i].Receive();
                }
            }
        }
    }
}
