using System.Diagnostics;
using System.Net.Sockets;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// One TCP connection to memcached (TCP_NODELAY; sends never wait) and what it does in a run: up to a depth of requests in
/// flight, sent as fast as replies come back (closed loop) or at the times an inter-arrival schedule gives (open loop),
/// or the load phase's sets. A <see cref="LoadLoop"/> drives it with the other connections of its thread. Replies come
/// back in request order, so the oldest pending request is the one each reply answers.
/// </summary>
internal sealed partial class LoadConnection : IDisposable
{
    private const int LoadWindow = 64; // sets in flight per connection in the load phase

    private readonly Socket _socket;
    private readonly KeySpace _keys;
    private readonly Random _random;
    private readonly IDistribution _valueSize;
    private readonly double _updateRatio;
    private readonly long _replyTimeout;
    private readonly MemcacheRequests _requests = new();
    private readonly Queue<Pending> _pending = new();
    private byte[] _received = new byte[256 * 1024];
    private int _start;
    private int _end;
    private int _sent;
    private long _lastProgress;
    private IDistribution? _interArrival;
    private long _next;

    // When a reply last freed a slot of a full window: a request scheduled before then waited for the SUT.
    private long _freedAt;
    private long _deadline;
    private int _depth;
    private int[]? _loadKeys;
    private int[]? _loadLengths;
    private int _loadNext;

    private LoadConnection(Socket socket, ServerAddress server, KeySpace keys, LoadOptions options, int seed)
    {
        _socket = socket;
        Descriptor = (int)socket.Handle;
        Server = server;
        _keys = keys;
        _random = new Random(seed);
        _valueSize = Distributions.Size(options.ValueSize, "value size");
        _updateRatio = options.UpdateRatio;
        _replyTimeout = (long)(options.ReplyTimeout.TotalSeconds * Stopwatch.Frequency);
        Recorder = new LoadRecorder(openLoop: false);
    }

    /// <summary>The memcached it talks to.</summary>
    public ServerAddress Server { get; }

    /// <summary>The socket's file descriptor, for <see cref="PreciseWait"/> and <see cref="SocketCalls"/>.</summary>
    public int Descriptor { get; }

    /// <summary>Where the current run's figures go.</summary>
    public LoadRecorder Recorder { get; private set; }

    /// <summary>Value lengths each key was loaded with; gets are checked against them while no set runs.</summary>
    public int[]? LoadedLengths { get; set; }

    /// <summary>What <see cref="PreciseWait"/> should wait for: replies, and room to send while bytes are unsent.</summary>
    public short Interest => (short)(PreciseWait.Readable | (_sent < _requests.Length ? PreciseWait.Writable : 0));

    /// <summary>Connects; errors name the server and what to check.</summary>
    public static async Task<LoadConnection> OpenAsync(
        ServerAddress server, KeySpace keys, LoadOptions options, int seed, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A synchronous connect keeps the socket blocking and out of .NET's hands: .NET serves a socket that ever did
            // an asynchronous operation through its epoll thread, two more thread wake-ups in every round trip.
            // SocketCalls then sends and receives on its descriptor.
            var connect = Task.Run(() => socket.Connect(server.Host, server.Port), cancellationToken);
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
                $"cannot connect to memcached at {server} ({e.Message}): is the SUT up and memcached running?");
        }

        socket.ReceiveTimeout = (int)options.ReplyTimeout.TotalMilliseconds; // a waiting recv returns after it
        return new LoadConnection(socket, server, keys, options, seed);
    }

    /// <summary>Starts the load phase: sets each of <paramref name="keys"/> to a value of
    /// <paramref name="lengths"/>[key] bytes, <see cref="LoadWindow"/> in flight.</summary>
    public void StartLoad(int[] keys, int[] lengths, LoadRecorder recorder)
    {
        (_loadKeys, _loadLengths, _loadNext, _interArrival, _deadline, Recorder) = (keys, lengths, 0, null, 0, recorder);
    }

    /// <summary>Starts a run until <paramref name="deadline"/>: closed loop when <paramref name="qps"/> is 0, else
    /// open loop at <paramref name="qps"/> from <paramref name="start"/> with inter-arrival times from
    /// <paramref name="interArrival"/>; at most <paramref name="depth"/> requests in flight.</summary>
    public void StartRun(long start, long deadline, double qps, string interArrival, int depth, LoadRecorder recorder)
    {
        _interArrival = qps > 0 ? Distributions.InterArrivalAt(interArrival, qps) : null;
        (_loadKeys, _next, _deadline, _depth, Recorder) = (null, start, deadline, depth, recorder);
    }

    /// <summary>True while it has requests to send or replies to wait for at <paramref name="now"/>.</summary>
    public bool IsActive(long now) =>
        _pending.Count > 0 || _sent < _requests.Length || (_loadKeys is null ? now < _deadline : _loadNext < _loadKeys.Length);

    /// <summary>True when, at <paramref name="now"/>, nothing but a reply can give this connection something to do: no
    /// bytes to send and no request due before one comes; its loop may then wait for it in recv(2).</summary>
    public bool AwaitsOnlyReplies(long now) =>
        _pending.Count > 0 && _sent == _requests.Length
        && (_loadKeys is not null || _interArrival is null || _pending.Count >= _depth || _next >= _deadline || now >= _deadline);

    /// <summary>When the loop must look at this connection again even if no socket is ready: its next scheduled
    /// request, the end of the run, or when a missing reply becomes a timeout.</summary>
    public long WakeAt(long now)
    {
        var wake = _pending.Count > 0 || _sent < _requests.Length ? _lastProgress + _replyTimeout + 1 : long.MaxValue;
        if (_loadKeys is null && now < _deadline)
        {
            wake = Math.Min(wake, _interArrival is not null && _pending.Count < _depth ? Math.Min(_next, _deadline) : _deadline);
        }

        return wake;
    }

    /// <summary>Writes the requests due at <paramref name="now"/> and sends what the socket takes.</summary>
    public void Issue(long now)
    {
        var idle = _pending.Count == 0;
        if (_loadKeys is not null)
        {
            while (_pending.Count < LoadWindow && _loadNext < _loadKeys.Length)
            {
                var key = _loadKeys[_loadNext++];
                _requests.AddSet(_keys[key], ValuePattern.For(key, _loadLengths![key]));
                _pending.Enqueue(new Pending(true, key, 0));
            }
        }
        else if (now < _deadline)
        {
            while (_pending.Count < _depth && (_interArrival is null || _next <= now))
            {
                AddRequest(_interArrival is null ? now : _next);
                if (_interArrival is not null)
                {
                    _next += Ticks(_interArrival.Sample(_random));
                }
            }
        }

        if (idle && _pending.Count > 0)
        {
            _lastProgress = now;
        }

        Send();
    }

    public void Dispose() => _socket.Dispose();

    private void AddRequest(long intended)
    {
        var key = _keys.Pick(_random);
        var isSet = _random.NextDouble() < _updateRatio;
        if (isSet)
        {
            _requests.AddSet(_keys[key], ValuePattern.For(key, ValuePattern.Length(_valueSize, _random)));
        }
        else
        {
            _requests.AddGet(_keys[key]);
        }

        // Open loop: the request was held back by the SUT for as long as every slot was taken past its scheduled time.
        _pending.Enqueue(new Pending(isSet, key, intended) { Held = _interArrival is null ? 0 : Math.Max(0, _freedAt - intended) });
    }

    private static long Ticks(double microseconds) => Math.Max(1, (long)(microseconds * Stopwatch.Frequency / 1e6));

    /// <summary>A request in flight: its kind, key, scheduled time (0 for the load phase), send time and how long the
    /// SUT held it back.</summary>
    private sealed class Pending(bool isSet, int key, long intended)
    {
        public bool IsSet { get; } = isSet;

        public int Key { get; } = key;

        public long Intended { get; } = intended;

        public long Sent { get; set; }

        /// <summary>Ticks the request waited for a slot after its scheduled time because the SUT held every one.</summary>
        public long Held { get; init; }
    }
}
