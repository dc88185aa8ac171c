using System.Buffers.Text;

namespace VirtPerf.Workloads.Memcached;

/// <summary>Writes memcache ASCII-protocol requests (memcached's protocol.txt) into one reusable send buffer.</summary>
public sealed class MemcacheRequests
{
    private static readonly byte[] Get = "get "u8.ToArray();
    private static readonly byte[] Set = "set "u8.ToArray();
    private static readonly byte[] NoFlagsNoExpiry = " 0 0 "u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private byte[] _buffer = new byte[64 * 1024];

    /// <summary>The requests written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>How many bytes are written.</summary>
    public int Length { get; private set; }

    /// <summary>Forgets what was written (after it was sent).</summary>
    public void Clear() => Length = 0;

    /// <summary><c>get KEY\r\n</c></summary>
    public void AddGet(ReadOnlySpan<byte> key)
    {
        Append(Get);
        Append(key);
        Append(LineEnd);
    }

    /// <summary><c>set KEY 0 0 BYTES\r\nVALUE\r\n</c></summary>
    public void AddSet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Append(Set);
        Append(key);
        Append(NoFlagsNoExpiry);
        Reserve(11);
        Utf8Formatter.TryFormat(value.Length, _buffer.AsSpan(Length), out var digits);
        Length += digits;
        Append(LineEnd);
        Append(value);
        Append(LineEnd);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Reserve(int more)
    {
        if (Length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
        }
    }
}
