using System.Net;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

/// <summary>The ssh argument list, quoting, settings and the errors ssh's own failures become (stderr as OpenSSH 9.2
/// prints it).</summary>
public sealed class SshCommandTests
{
    private static readonly SshTarget Lab = new("198.19.4.2", IPAddress.Parse("198.19.4.2"), "root", 2222, null, null);

    [Fact]
    public void Every_remote_word_is_single_quoted_so_the_remote_shell_interprets_nothing()
    {
        var arguments = SshCommand.Arguments(Lab, "sh", ["-c", "echo $HOME; rm -rf /", "it's"]);

        arguments.Should().ContainInOrder("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes");
        arguments.Should().ContainInOrder("-p", "2222", "-l", "root", "--", "198.19.4.2");
        arguments.TakeLast(4).Should().Equal("'sh'", "'-c'", "'echo $HOME; rm -rf /'", "'it'\\''s'");
    }

    [Fact]
    public void Only_the_settings_given_reach_ssh_so_the_users_own_config_keeps_working()
    {
        var arguments = SshCommand.Arguments(Lab with { User = null, Port = null }, "true", []);

        arguments.Should().NotContain(["-p", "-l", "-i"]);
        arguments.Should().NotContain(a => a.StartsWith("UserKnownHostsFile", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("VIRTPERF_REMOTE_SUT_ADDRESS", "10.0.0.2", "inside 198.18.0.0/15")]
    [InlineData("VIRTPERF_REMOTE_HOST", "-oProxyCommand=x", "host name")]
    [InlineData("VIRTPERF_REMOTE_USER", "root;id", "login name")]
    public void Settings_outside_what_is_safe_are_refused_naming_the_variable(string variable, string value, string expected)
    {
        var target = variable switch
        {
            "VIRTPERF_REMOTE_SUT_ADDRESS" => Lab with { SutAddress = IPAddress.Parse(value) },
            "VIRTPERF_REMOTE_HOST" => Lab with { Host = value },
            _ => Lab with { User = value },
        };

        target.Invoking(t => t.Validated()).Should().Throw<ArgumentException>()
            .WithMessage($"{variable}='{value}' must be*{expected}*");
    }

    [Theory]
    [InlineData("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nHost key verification failed.", "does not match*ssh-keygen -R [198.19.4.2]:2222")]
    [InlineData("No ED25519 host key is known for [198.19.4.2]:2222 and you have requested strict checking.\nHost key verification failed.", "is not in*never accepted blindly*ssh-keyscan -p 2222 198.19.4.2")]
    [InlineData("root@198.19.4.2: Permission denied (publickey).", "refused the login*VIRTPERF_REMOTE_IDENTITY")]
    [InlineData("ssh: connect to host 198.19.4.2 port 2222: Connection refused", "refused the connection*sshd")]
    [InlineData("ssh: connect to host 198.19.4.2 port 2222: Connection timed out", "unreachable*link")]
    [InlineData("ssh: Could not resolve hostname lab9: Name or service not known", "does not resolve*VIRTPERF_REMOTE_HOST")]
    public void Ssh_failures_become_errors_that_say_what_is_wrong_and_the_fix(string stderr, string expected)
    {
        var error = SshFailure.Explain(Lab, new ToolResult("ssh ... 198.19.4.2 'true'", 255, "", stderr));

        error.Message.Should().Match($"Remote SUT host: *{expected}*");
        error.Message.Should().Contain("root@198.19.4.2:2222").And.Contain(stderr.Trim());
    }
}
