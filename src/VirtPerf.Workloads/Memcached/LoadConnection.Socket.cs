using System.Diagnostics;

namespace VirtPerf.Workloads.Memcached;

/// <summary>The connection's bytes: sends that never wait, receives that wait or not (<see cref="SocketCalls"/>),
/// replies matched to requests, timeouts.</summary>
internal sealed partial class LoadConnection
{
    /// <summary>Sends what was written and not yet sent, as much as the socket takes now; the send time of every
    /// request in it is now.</summary>
    public void Send()
    {
        if (_sent == _requests.Length)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var pending in _pending)
        {
            pending.Sent = pending.Sent == 0 ? now : pending.Sent;
        }

        var n = SocketCalls.Send(Descriptor, _requests.Written[_sent..], out var error);
        if (n < 0)
        {
            if (error is SocketCalls.WouldBlock or SocketCalls.Interrupted)
            {
                return; // the loop waits for room
            }

            throw Failure(error);
        }

        _sent += n;
        Recorder.BytesSent += n;
        _lastProgress = now;

        if (_sent == _requests.Length)
        {
            _requests.Clear();
            _sent = 0;
        }
    }

    /// <summary>Reads what arrived (with <paramref name="wait"/>, waits for it in recv(2), up to the reply timeout) and
    /// completes every request a whole reply answers.</summary>
    public void Receive(bool wait = false)
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

        var n = SocketCalls.Receive(Descriptor, _received.AsSpan(_end), wait, out var error);
        var now = Stopwatch.GetTimestamp();
        if (n < 0)
        {
            if (error is SocketCalls.WouldBlock or SocketCalls.Interrupted)
            {
                return; // nothing yet, or SO_RCVTIMEO passed: CheckTimeout decides
            }

            throw Failure(error);
        }

        if (n == 0)
        {
            throw new MemcacheException($"memcached at {Server} closed the connection with {_pending.Count} requests unanswered.");
        }

        _end += n;
        _lastProgress = now;
        Recorder.BytesReceived += n;
        Replies(now);
    }

    /// <summary>Throws when a request has waited longer than the reply timeout without any byte moving.</summary>
    public void CheckTimeout(long now)
    {
        if ((_pending.Count > 0 || _sent < _requests.Length) && now - _lastProgress > _replyTimeout)
        {
            throw new MemcacheException(
                $"memcached at {Server} did not answer within {_replyTimeout / (double)Stopwatch.Frequency:0} s ({_pending.Count} requests in flight).");
        }
    }

    /// <summary>Takes every whole reply off the receive buffer and completes its request.</summary>
    private void Replies(long now)
    {
        while (_pending.Count > 0
            && MemcacheResponse.TryRead(_received.AsSpan(_start, _end - _start), out var reply, out var value, out var consumed))
        {
            if (_pending.Count == _depth)
            {
                _freedAt = now;
            }

            var request = _pending.Dequeue();
            if (request.IsSet != (reply == MemcacheReply.Stored))
            {
                throw new MemcacheException($"memcached answered {reply} to a {(request.IsSet ? "set" : "get")}: replies are out of step.");
            }

            if (reply == MemcacheReply.Miss)
            {
                Recorder.Misses++;
            }
            else if (reply == MemcacheReply.Hit && !IsWritten(request.Key, _received.AsSpan(_start, consumed)[value]))
            {
                Recorder.Corrupt++;
            }

            if (request.Intended != 0)
            {
                Recorder.Complete(request.IsSet, request.Sent - request.Held, request.Sent, now);
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

    private MemcacheException Failure(int error) =>
        new($"the connection to memcached at {Server} failed: {SocketCalls.Describe(error)}.");
}
