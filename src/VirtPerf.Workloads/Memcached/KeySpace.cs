using System.Globalization;
using System.Text;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// The keys the load uses, as Mutilate's KeyGenerator makes them: key <c>i</c> is <c>i</c> in zero-padded decimal,
/// its length drawn once from the key-size distribution at U = FNV-1a(i) / 2^64 (so it is the same in every run), and
/// never shorter than the digits the largest index needs. Keys are picked uniformly.
/// </summary>
public sealed class KeySpace
{
    /// <summary>memcached's longest key (its protocol.txt: "the key must not exceed 250 characters").</summary>
    public const int MaxKeyLength = 250;

    private readonly byte[][] _keys;

    /// <summary>Builds the <paramref name="records"/> keys with lengths from <paramref name="keySize"/>.</summary>
    public KeySpace(int records, IDistribution keySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(records);
        var digits = ((records - 1).ToString(CultureInfo.InvariantCulture)).Length;
        _keys = new byte[records][];
        for (var index = 0; index < records; index++)
        {
            var drawn = (int)Math.Round(keySize.Quantile(Uniform(index)));
            var length = Math.Clamp(drawn, digits, MaxKeyLength);
            _keys[index] = Encoding.ASCII.GetBytes(index.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0'));
        }
    }

    /// <summary>How many keys there are (Mutilate's <c>--records</c>).</summary>
    public int Records => _keys.Length;

    /// <summary>Key <paramref name="index"/> as the bytes sent on the wire.</summary>
    public ReadOnlySpan<byte> this[int index] => _keys[index];

    /// <summary>A uniformly drawn key index.</summary>
    public int Pick(Random random) => random.Next(_keys.Length);

    /// <summary>FNV-1a over the index's 8 bytes, scaled into (0, 1): Mutilate's per-key uniform draw.</summary>
    internal static double Uniform(long index)
    {
        var hash = 0xcbf29ce484222325UL;
        for (var b = 0; b < 8; b++)
        {
            hash ^= (ulong)(index >> (8 * b)) & 0xff;
            hash *= 0x100000001b3UL;
        }

        // Never exactly 0 or 1: the GEV's quantile is infinite there.
        return Math.Clamp(hash / 18446744073709551616.0, 1e-12, 1 - 1e-12);
    }
}
