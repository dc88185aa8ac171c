using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Payloads;

public sealed class MemcachedServerTests
{
    [Fact]
    public void The_study_settings_make_the_argument_list_with_the_address_user_and_port_when_given()
    {
        MemcachedServer.Arguments(4).Should().Equal("-m", "64", "-c", "1024", "-t", "4", "-p", "11211", "-U", "0");
        MemcachedServer.Arguments(2, IPAddress.Parse("198.19.3.1"), "nobody").Should().Equal(
            "-m", "64", "-c", "1024", "-t", "2", "-p", "11211", "-U", "0", "-l", "198.19.3.1", "-u", "nobody");
        MemcachedServer.Arguments(1, port: 40000).Should().Equal("-m", "64", "-c", "1024", "-t", "1", "-p", "40000", "-U", "0");
    }

    [Fact]
    public void The_shell_command_runs_the_carried_binary_with_a_thread_per_CPU_of_the_machine_it_runs_on()
    {
        MemcachedServer.ShellCommand(threads: null, user: "nobody")
            .Should().Be("/usr/bin/memcached -m 64 -c 1024 -t \"$(nproc)\" -p 11211 -U 0 -u nobody");
        MemcachedServer.ShellCommand(threads: 8).Should().Be("/usr/bin/memcached -m 64 -c 1024 -t 8 -p 11211 -U 0");
    }

    [Theory]
    [InlineData("nobody; reboot")]
    [InlineData("$(id)")]
    [InlineData("")]
    public void A_user_that_is_not_a_plain_name_is_refused_before_it_reaches_a_command_or_a_script(string user)
    {
        var build = () => MemcachedServer.ShellCommand(threads: 1, user);

        build.Should().Throw<ArgumentException>().WithMessage($"'{user}' is not a user name memcached could switch to.*");
    }

    [Fact]
    public void Fewer_than_one_thread_is_refused()
    {
        var build = () => MemcachedServer.Arguments(0);

        build.Should().Throw<ArgumentOutOfRangeException>();
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_memcached_that_cannot_start_fails_with_its_command_and_its_own_words()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        await using var run = await TestRun.StartAsync();
        // The client's end of our own cable: the host cannot bind it, and probes of it stay on the cable.
        var notOnThisHost = run.Testbed.ClientAddress;

        var start = () => MemcachedServer.StartAsync(notOnThisHost, run.RunId, TestRun.Cleanup.Registry);

        (await start.Should().ThrowAsync<ToolException>())
            .WithMessage($"The server exited before {notOnThisHost}:11211 accepted connections."
                + $"*command: memcached -m 64 -c 1024 -t * -p 11211 -U 0 -l {notOnThisHost}"
                + $"*output:*bind(): Cannot assign requested address*failed to listen on one of interface(s) {notOnThisHost}*");
        TestRun.Cleanup.Registry.Find(run.RunId)!.Processes.Should().BeEmpty("a failed start forgets its process");
    }
}
