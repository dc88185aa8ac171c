using System.Buffers.Text;
using System.Text;

namespace VirtPerf.Workloads.Memcached;

/// <summary>What memcached answered to one request.</summary>
public enum MemcacheReply
{
    /// <summary><c>STORED</c>: a set succeeded.</summary>
    Stored,

    /// <summary><c>VALUE ... END</c>: a get found its key.</summary>
    Hit,

    /// <summary>A bare <c>END</c>: a get found nothing.</summary>
    Miss,
}

/// <summary>Reads memcache ASCII-protocol replies from the front of a receive buffer.</summary>
public static class MemcacheResponse
{
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private static readonly byte[] ValueEnd = "\r\nEND\r\n"u8.ToArray();

    /// <summary>
    /// Reads one whole reply from the start of <paramref name="data"/>: false when more bytes are needed. For a hit,
    /// <paramref name="value"/> is the value's position in <paramref name="data"/>. An error reply (<c>ERROR</c>,
    /// <c>CLIENT_ERROR</c>, <c>SERVER_ERROR</c>, <c>NOT_STORED</c>) or anything unexpected throws
    /// <see cref="MemcacheException"/> quoting the line.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out MemcacheReply reply, out Range value, out int consumed)
    {
        reply = default;
        value = default;
        consumed = 0;
        var lineLength = data.IndexOf(LineEnd);
        if (lineLength < 0)
        {
            if (data.Length > 2048)
            {
                throw new MemcacheException($"memcached sent a line over 2048 bytes without an end: '{Quote(data[..80])}...'");
            }

            return false;
        }

        var line = data[..lineLength];
        if (line.SequenceEqual("STORED"u8))
        {
            (reply, consumed) = (MemcacheReply.Stored, lineLength + 2);
            return true;
        }

        if (line.SequenceEqual("END"u8))
        {
            (reply, consumed) = (MemcacheReply.Miss, lineLength + 2);
            return true;
        }

        if (!line.StartsWith("VALUE "u8))
        {
            throw new MemcacheException($"memcached answered '{Quote(line)}'.");
        }

        // VALUE <key> <flags> <bytes>: the length is the last word.
        var lastSpace = line.LastIndexOf((byte)' ');
        if (!Utf8Parser.TryParse(line[(lastSpace + 1)..], out int length, out var used) || used != lineLength - lastSpace - 1)
        {
            throw new MemcacheException($"memcached sent a VALUE line without a length: '{Quote(line)}'.");
        }

        var start = lineLength + 2;
        if (data.Length < start + length + ValueEnd.Length)
        {
            return false;
        }

        if (!data.Slice(start + length, ValueEnd.Length).SequenceEqual(ValueEnd))
        {
            throw new MemcacheException($"memcached's value for '{Quote(line)}' does not end with END (one key per get expected).");
        }

        (reply, value, consumed) = (MemcacheReply.Hit, start..(start + length), start + length + ValueEnd.Length);
        return true;
    }

    private static string Quote(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}

/// <summary>memcached answered something the load generator cannot go on from (an error, a malformed reply).</summary>
public sealed class MemcacheException(string message) : Exception(message);
