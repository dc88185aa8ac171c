using VirtPerf.Fixtures.Techniques.Rootless;

namespace VirtPerf.Fixtures.Tests.Techniques.Rootless;

public sealed class ListeningPortsTests
{
    [Fact]
    public void Only_sockets_in_the_listen_state_count_with_their_local_port()
    {
        // A container's /proc/PID/net/tcp with netserver (12865 = 0x3241) and memcached (11211 = 0x2BCB) listening and
        // one established connection to 12865 (state 01).
        const string table = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:3241 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65534        0 1 1 0000000000000000 100 0 0 10 0
               1: 00000000:2BCB 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65534        0 2 1 0000000000000000 100 0 0 10 0
               2: 0202000A:C351 0100000A:D431 01 00000000:00000000 00:00000000 00000000 65534        0 3 1 0000000000000000 20 4 30 10 -1
            """;

        ListeningPorts.Parse(table).Should().BeEquivalentTo([12865, 11211]);
        ListeningPorts.Parse("  sl  local_address rem_address   st\n").Should().BeEmpty();
    }

    [Fact]
    public void A_process_that_is_gone_listens_on_nothing() =>
        ListeningPorts.Of(int.MaxValue).Should().BeEmpty();
}
