using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Techniques.Qemu;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

/// <summary>OSv's command line: its programs, what they serve, and the default that serves both suites.</summary>
public sealed class OSvCommandTests
{
    [Fact]
    public void The_default_runs_netserver_in_the_background_then_memcached_with_the_study_settings_and_serves_both()
    {
        var command = OSvFixture.Command(null, vcpus: 2);

        command.Text.Should().Be("/netserver -D -4 -f & /memcached -m 64 -c 1024 -t 2 -p 11211 -U 0 -u root");
        command.Programs.Select(p => (p.Path, p.Separator)).Should().Equal(("/netserver", "&"), ("/memcached", ""));
        command.NetserverPort.Should().Be(Netserver.DefaultPort);
        command.MemcachedPort.Should().Be(MemcachedServer.DefaultPort);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void The_defaults_memcached_arguments_are_the_one_argument_list_with_a_thread_per_vCPU(int vcpus)
    {
        var memcached = OSvFixture.Command(null, vcpus).Programs.Single(p => p.Path == "/memcached");

        memcached.Arguments.Should().Equal(MemcachedServer.Arguments(vcpus, user: "root"));
        memcached.Arguments.Should().ContainInConsecutiveOrder("-t", vcpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("/netserver -D -4 -f", 12865, null)]
    [InlineData("/memcached -m 64 -u root", null, 11211)]
    [InlineData("/netserver -D -f -p 12866 & /memcached -p 11311 -u root", 12866, 11311)]
    [InlineData("/netserver -D -f -p12867; /memcached --port=11312", 12867, 11312)]
    [InlineData("/memcached --port 11313 -u root &! /netserver -D -f", 12865, 11313)]
    [InlineData("--rootfs=zfs --verbose /netserver -D -f&/memcached -u root", 12865, 11211)]
    public void The_ports_come_from_the_programs_and_their_options(string text, int? netserver, int? memcached)
    {
        var command = OSvCommand.Parse(text);

        command.NetserverPort.Should().Be(netserver);
        command.MemcachedPort.Should().Be(memcached);
    }

    [Fact]
    public void Leading_options_are_OSvs_and_double_quotes_keep_a_word_whole()
    {
        var command = OSvCommand.Parse("--rootfs=zfs --env=A=1 /memcached -u \"root\" -o \"a b;c&d\" ; /netserver -D -f");

        command.Options.Should().Equal("--rootfs=zfs", "--env=A=1");
        command.Programs.Should().HaveCount(2);
        command.Programs[0].Arguments.Should().Equal("-u", "root", "-o", "a b;c&d");
        command.Programs[0].Separator.Should().Be(";");
        command.Programs[1].Path.Should().Be("/netserver");
    }

    [Fact]
    public void Other_programs_serve_nothing_the_rows_know()
    {
        var command = OSvCommand.Parse("/usr/bin/httpserver & /memcachedx -p 1");

        command.NetserverPort.Should().BeNull();
        command.MemcachedPort.Should().BeNull();
    }

    [Theory]
    [InlineData("/netserver -D -f & /memcached -u \"root", "is not an OSv command line: a double quote at position 34 is never closed.")]
    [InlineData("--rootfs=rofs", "is not an OSv command line: it names no program to run.")]
    [InlineData(" ; & ", "is not an OSv command line: it names no program to run.")]
    [InlineData("/memcached -p eleven", "is not an OSv command line: /memcached's port 'eleven' is not a port number (1 to 65535).")]
    [InlineData("/netserver -p 70000", "is not an OSv command line: /netserver's port '70000' is not a port number (1 to 65535).")]
    [InlineData("/httpserver", "runs neither /netserver nor /memcached, so no row could reach the guest")]
    public void A_command_the_framework_cannot_use_is_refused_naming_the_variable_and_the_fix(string text, string problem)
    {
        var read = () => OSvFixture.Command(text, vcpus: 2);

        read.Should().Throw<ArgumentException>()
            .Which.Message.Should().StartWith($"VIRTPERF_OSV_COMMAND='{text}' ").And.Contain(problem)
            .And.Contain("e.g. '/netserver -D -4 -f & /memcached -m 64 -c 1024 -t 2 -p 11211 -U 0 -u root', or unset it for that default.");
    }
}
