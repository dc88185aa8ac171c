using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Tests.Host;

public sealed class ResourceNamesTests
{
    [Fact]
    public void A_name_carries_the_prefix_and_run_id_and_fits_a_linux_link_name()
    {
        var runId = ResourceNames.NewRunId();

        var name = ResourceNames.For(runId, "tap0");

        name.Should().Be($"vnp-{runId}-tap0");
        name.Length.Should().BeLessThanOrEqualTo(15, "IFNAMSIZ is 16 bytes with the terminating NUL");
        ResourceNames.RunIdOf(name).Should().Be(runId);
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("docker0")]
    [InlineData("vnp-zzzzzz-h")]
    [InlineData("vnp-1a2b3c")]
    [InlineData("xvnp-1a2b3c-h")]
    public void Names_that_are_not_the_projects_have_no_run_id(string name)
    {
        ResourceNames.RunIdOf(name).Should().BeNull();
    }

    [Theory]
    [InlineData("ABCDEF", "h")]
    [InlineData("1a2b3c", "toolong")]
    [InlineData("1a2b3c", "-x")]
    public void Invalid_run_ids_and_roles_are_refused(string runId, string role)
    {
        var name = () => ResourceNames.For(runId, role);

        name.Should().Throw<ArgumentException>();
    }
}
