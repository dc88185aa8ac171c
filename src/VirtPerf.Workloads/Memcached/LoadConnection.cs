using System.Diagnostics;
using System.Net.Sockets;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// One TCP connection to memcached (TCP_NODELAY) and the loop that drives it on its own thread: up to
/// <see cref="LoadOptions.Depth"/> requests in flight, sent as fast as replies come back (closed loop) or at the
/// times an inter-arrival schedule gives (open loop). Replies come back in request order, so the oldest pending
/// request is the one each reply answers.
/// </summary>
internal sealed class LoadConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly KeySpace _keys;
    private readonly LoadOptions _options;
    private readonly Random _random;
    private readonly IDistribution _valueSize;
    private readonly MemcacheRequests _requests = new();
    private readonly Queue<Pending> _pending = new();
    private byte[] _received = new byte[256 * 1024];
    private int _start;
    private int _end;

    private LoadConnection(Socket socket, KeySpace keys, LoadOptions options, int seed)
    {
        _socket = socket;
        _keys = keys;
        _options = options;
        _random = new Random(seed);
        _valueSize = Distributions.Size(options.ValueSize, "value size");
    }

    /// <summary>Value lengths each key was loaded with; gets are checked against them while no set runs.</summary>
    public int[]? LoadedLengths { get; set; }

    public static async Task<LoadConnection> OpenAsync(KeySpace keys, LoadOptions options, int seed, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A synchronous connect keeps the socket blocking: .NET emulates blocking calls on a socket that ever did
            // an asynchronous operation through its epoll thread, two more thread wake-ups in every round trip.
            var connect = Task.Run(() => socket.Connect(options.Server, options.Port), cancellationToken);
            if (await Task.WhenAny(connect, Task.Delay(options.ReplyTimeout, cancellationToken)) != connect)
            {
                socket.Dispose(); // ends the connect, which then fails
                throw new TimeoutException($"no answer within {options.ReplyTimeout.TotalSeconds:0} s");
            }

            await connect;
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException)
        {
            socket.Dispose();
            throw new MemcacheException(
                $"cannot connect to memcached at {options.Server}:{options.Port} ({e.Message}): is the SUT up and memcached running?");
        }

        socket.ReceiveTimeout = (int)options.ReplyTimeout.TotalMilliseconds;
        socket.SendTimeout = (int)options.ReplyTimeout.TotalMilliseconds;
        return new LoadConnection(socket, keys, options, seed);
    }

    /// <summary>Sets each of <paramref name="keys"/> to a value of <paramref name="lengths"/>[key] bytes, pipelined.</summary>
    public void Load(IEnumerable<int> keys, int[] lengths, LoadRecorder recorder)
    {
        const int batch = 64;
        foreach (var chunk in keys.Chunk(batch))
        {
            foreach (var key in chunk)
            {
                _requests.AddSet(_keys[key], ValuePattern.For(key, lengths[key]));
                _pending.Enqueue(new Pending(true, key, 0));
            }

            Flush(recorder);
            while (_pending.Count > 0)
            {
                Receive(recorder);
                Replies(recorder, Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>Drives the connection until <paramref name="deadline"/>, then waits for the replies in flight; in the
    /// open loop when <paramref name="qps"/> (over all connections) is above 0.</summary>
    public void Run(long start, long deadline, double qps, LoadRecorder recorder)
    {
        var interArrival = qps > 0 ? Distributions.InterArrivalAt(_options.InterArrival, qps / _options.Connections) : null;
        if (interArrival is not null)
        {
            PreciseWait.TightenTimerSlack();
        }

        var next = start;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= deadline)
            {
                break;
            }

            while (_pending.Count < _options.Depth && (interArrival is null || next <= now))
            {
                AddRequest(interArrival is null ? now : next);
                if (interArrival is not null)
                {
                    next += Ticks(interArrival.Sample(_random));
                }
            }

            Flush(recorder);
            if (interArrival is not null && !PreciseWait.Readable(_socket, _pending.Count < _options.Depth ? Math.Min(next, deadline) : deadline))
            {
                continue; // the next request is due before a reply came
            }

            Receive(recorder);
            Replies(recorder, Stopwatch.GetTimestamp());
        }

        while (_pending.Count > 0)
        {
            Receive(recorder);
            Replies(recorder, Stopwatch.GetTimestamp());
        }
    }

    public void Dispose() => _socket.Dispose();

    private void AddRequest(long intended)
    {
        var key = _keys.Pick(_random);
        var isSet = _random.NextDouble() < _options.UpdateRatio;
        if (isSet)
        {
            _requests.AddSet(_keys[key], ValuePattern.For(key, ValuePattern.Length(_valueSize, _random)));
        }
        else
        {
            _requests.AddGet(_keys[key]);
        }

        _pending.Enqueue(new Pending(isSet, key, intended));
    }

    /// <summary>Sends what was written; the send time of every request in it is now.</summary>
    private void Flush(LoadRecorder recorder)
    {
        if (_requests.Length == 0)
        {
            return;
        }

        var sent = Stopwatch.GetTimestamp();
        foreach (var pending in _pending)
        {
            pending.Sent = pending.Sent == 0 ? sent : pending.Sent;
        }

        try
        {
            for (var offset = 0; offset < _requests.Length;)
            {
                offset += _socket.Send(_requests.Written[offset..]);
            }
        }
        catch (SocketException e)
        {
            throw Failure(e);
        }

        recorder.BytesSent += _requests.Length;
        _requests.Clear();
    }

    private void Receive(LoadRecorder recorder)
    {
        if (_end == _received.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_received, _start, _received, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }
            else
            {
                Array.Resize(ref _received, _received.Length * 2);
            }
        }

        int n;
        try
        {
            n = _socket.Receive(_received, _end, _received.Length - _end, SocketFlags.None);
        }
        catch (SocketException e)
        {
            throw Failure(e);
        }

        if (n == 0)
        {
            throw new MemcacheException(
                $"memcached at {_options.Server}:{_options.Port} closed the connection with {_pending.Count} requests unanswered.");
        }

        _end += n;
        recorder.BytesReceived += n;
    }

    /// <summary>Takes every whole reply off the receive buffer and completes its request.</summary>
    private void Replies(LoadRecorder recorder, long now)
    {
        while (_pending.Count > 0
            && MemcacheResponse.TryRead(_received.AsSpan(_start, _end - _start), out var reply, out var value, out var consumed))
        {
            var request = _pending.Dequeue();
            if (request.IsSet != (reply == MemcacheReply.Stored))
            {
                throw new MemcacheException($"memcached answered {reply} to a {(request.IsSet ? "set" : "get")}: replies are out of step.");
            }

            if (reply == MemcacheReply.Miss)
            {
                recorder.Misses++;
            }
            else if (reply == MemcacheReply.Hit && !IsWritten(request.Key, _received.AsSpan(_start, consumed)[value]))
            {
                recorder.Corrupt++;
            }

            if (request.Intended != 0)
            {
                recorder.Complete(request.IsSet, request.Intended, request.Sent, now);
            }

            _start += consumed;
        }

        if (_start == _end)
        {
            (_start, _end) = (0, 0);
        }
    }

    private bool IsWritten(int key, ReadOnlySpan<byte> value) =>
        ValuePattern.Matches(key, value) && (LoadedLengths is null || LoadedLengths[key] == value.Length);

    private MemcacheException Failure(SocketException e) =>
        e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock
            ? new MemcacheException(
                $"memcached at {_options.Server}:{_options.Port} did not answer within {_options.ReplyTimeout.TotalSeconds:0} s "
                + $"({_pending.Count} requests in flight).")
            : new MemcacheException($"the connection to memcached at {_options.Server}:{_options.Port} failed: {e.Message}.");

    private static long Ticks(double microseconds) => Math.Max(1, (long)(microseconds * Stopwatch.Frequency / 1e6));

    /// <summary>A request in flight: its kind, key, scheduled time (0 for the load phase) and send time.</summary>
    private sealed class Pending(bool isSet, int key, long intended)
    {
        public bool IsSet { get; } = isSet;

        public int Key { get; } = key;

        public long Intended { get; } = intended;

        public long Sent { get; set; }
    }
}
