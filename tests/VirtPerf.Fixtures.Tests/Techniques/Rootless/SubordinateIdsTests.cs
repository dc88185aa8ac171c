using VirtPerf.Fixtures.Techniques.Rootless;

namespace VirtPerf.Fixtures.Tests.Techniques.Rootless;

public sealed class SubordinateIdsTests
{
    private const string File = "alice:100000:65536\nvnp-1a2b3c-rsl:165536:65536\n# comment\nbroken:x:1\n";

    [Fact]
    public void A_users_range_is_read_by_name_and_holds_exactly_its_ids()
    {
        var range = SubordinateIds.Of(File, "vnp-1a2b3c-rsl");

        range.Should().Be(new SubordinateIds(165536, 65536));
        range!.Contains(165536).Should().BeTrue();
        range.Contains(231071).Should().BeTrue();
        range.Contains(231072).Should().BeFalse();
        range.Contains(165535).Should().BeFalse();
        SubordinateIds.Of(File, "bob").Should().BeNull();
        SubordinateIds.Of(File, "broken").Should().BeNull("a line that is not NAME:START:COUNT gives no range");
    }

    [Fact]
    public void Removing_a_user_keeps_every_other_line_as_it_was()
    {
        SubordinateIds.Without(File, "vnp-1a2b3c-rsl").Should().Be("alice:100000:65536\n# comment\nbroken:x:1\n");
        SubordinateIds.Without(File, "vnp-1a2b3c").Should().Be(File, "a name is matched whole, never as a prefix");
        SubordinateIds.Owners(File).Should().Equal("alice", "vnp-1a2b3c-rsl", "broken");
    }
}
