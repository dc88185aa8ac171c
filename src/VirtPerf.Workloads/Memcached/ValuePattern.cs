namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// The bytes of every value: key <c>i</c>'s value of length L is the L bytes at a fixed offset (from <c>i</c>) of one
/// pseudo-random buffer, as Mutilate sends slices of its random buffer. Because the offset depends only on the key,
/// a value read back can be checked byte for byte against what any set of that key wrote.
/// </summary>
public static class ValuePattern
{
    /// <summary>The longest value sent: below memcached's default 1 MiB item limit with room for key and header.</summary>
    public const int MaxValueLength = 1_000_000;

    private static readonly byte[] Buffer = Fill(2 * MaxValueLength);

    /// <summary>Key <paramref name="index"/>'s value of <paramref name="length"/> bytes.</summary>
    public static ReadOnlySpan<byte> For(int index, int length) =>
        Buffer.AsSpan((int)(KeySpace.Uniform(~(long)index) * MaxValueLength), length);

    /// <summary>True when <paramref name="value"/> is what a set of key <paramref name="index"/> writes.</summary>
    public static bool Matches(int index, ReadOnlySpan<byte> value) =>
        value.Length <= MaxValueLength && value.SequenceEqual(For(index, value.Length));

    /// <summary>A value length drawn from <paramref name="valueSize"/>, truncated as Mutilate does, within limits.</summary>
    public static int Length(IDistribution valueSize, Random random) =>
        (int)Math.Clamp(valueSize.Sample(random), 0, MaxValueLength);

    private static byte[] Fill(int length)
    {
        var random = new Random(20150903); // fixed: values are the same in every run and on every host
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + random.Next(26));
        }

        return bytes;
    }
}
