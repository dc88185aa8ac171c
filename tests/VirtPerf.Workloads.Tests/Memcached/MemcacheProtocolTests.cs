using System.Text;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>Requests and replies of the memcache ASCII protocol (memcached's protocol.txt).</summary>
public sealed class MemcacheProtocolTests
{
    [Fact]
    public void Requests_are_written_as_the_protocol_spells_them()
    {
        var requests = new MemcacheRequests();

        requests.AddSet("k1"u8, "hello"u8);
        requests.AddGet("k1"u8);

        Encoding.ASCII.GetString(requests.Written).Should().Be("set k1 0 0 5\r\nhello\r\nget k1\r\n");
    }

    [Fact]
    public void A_value_larger_than_the_buffer_grows_it()
    {
        var requests = new MemcacheRequests();
        var value = new byte[200_000];

        requests.AddSet("big"u8, value);

        requests.Length.Should().Be("set big 0 0 200000\r\n".Length + value.Length + 2);
    }

    [Theory]
    [InlineData("STORED\r\n", MemcacheReply.Stored, 8)]
    [InlineData("END\r\n", MemcacheReply.Miss, 5)]
    [InlineData("VALUE k1 0 5\r\nhello\r\nEND\r\n", MemcacheReply.Hit, 26)]
    [InlineData("VALUE k1 0 0\r\n\r\nEND\r\nSTORED\r\n", MemcacheReply.Hit, 21)]
    public void Whole_replies_are_read_and_consumed(string data, MemcacheReply expected, int expectedConsumed)
    {
        var bytes = Encoding.ASCII.GetBytes(data);

        MemcacheResponse.TryRead(bytes, out var reply, out var value, out var consumed).Should().BeTrue();

        reply.Should().Be(expected);
        consumed.Should().Be(expectedConsumed);
        if (reply == MemcacheReply.Hit)
        {
            Encoding.ASCII.GetString(bytes[value]).Should().Be(data.Split("\r\n")[1]);
        }
    }

    [Theory]
    [InlineData("STOR")]
    [InlineData("VALUE k1 0 5\r\nhel")]
    [InlineData("VALUE k1 0 5\r\nhello\r\nEN")]
    public void A_partial_reply_asks_for_more_bytes(string data)
    {
        MemcacheResponse.TryRead(Encoding.ASCII.GetBytes(data), out _, out _, out var consumed).Should().BeFalse();
        consumed.Should().Be(0);
    }

    [Theory]
    [InlineData("SERVER_ERROR out of memory storing object\r\n", "memcached answered 'SERVER_ERROR out of memory storing object'.")]
    [InlineData("ERROR\r\n", "memcached answered 'ERROR'.")]
    [InlineData("VALUE k1 0 x\r\n", "memcached sent a VALUE line without a length: 'VALUE k1 0 x'.")]
    [InlineData("VALUE k1 0 5\r\nhelloSTORED\r\n", "memcached's value for 'VALUE k1 0 5' does not end with END*")]
    public void Error_and_malformed_replies_are_quoted(string data, string message)
    {
        var act = () => MemcacheResponse.TryRead(Encoding.ASCII.GetBytes(data), out _, out _, out _);

        act.Should().Throw<MemcacheException>().WithMessage(message);
    }

    [Fact]
    public void Keys_are_zero_padded_indexes_whose_lengths_follow_fb_key_and_fit_memcached()
    {
        var keys = new KeySpace(10_000, EtcDistributions.Key);
        var lengths = Enumerable.Range(0, keys.Records).Select(i => keys[i].Length).Order().ToList();

        Encoding.ASCII.GetString(keys[42]).TrimStart('0').Should().Be("42");
        lengths[0].Should().BeGreaterThanOrEqualTo(4, "10,000 keys need 4 digits");
        lengths[^1].Should().BeLessThanOrEqualTo(KeySpace.MaxKeyLength);
        ((double)lengths[lengths.Count / 2]).Should().BeApproximately(EtcDistributions.Key.Quantile(0.5), 1.0);
        new KeySpace(10_000, EtcDistributions.Key)[1234].ToArray().Should().Equal(keys[1234].ToArray(), "a key's length is fixed by its index");
    }

    [Fact]
    public void A_value_matches_only_its_own_keys_pattern()
    {
        var value = ValuePattern.For(7, 300).ToArray();

        ValuePattern.Matches(7, value).Should().BeTrue();
        ValuePattern.Matches(7, value.AsSpan(0, 120)).Should().BeTrue("a shorter set of the same key writes a prefix");
        ValuePattern.Matches(8, value).Should().BeFalse();
        value[150] ^= 1;
        ValuePattern.Matches(7, value).Should().BeFalse();
    }
}
