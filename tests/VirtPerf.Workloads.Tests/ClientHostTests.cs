namespace VirtPerf.Workloads.Tests;

public sealed class ClientHostTests
{
    [Fact]
    public void A_namespace_client_runs_tools_through_ip_netns_exec()
    {
        var (target, arguments) = ClientHost.InNamespace("vnp-1a2b3c-cli").Command("netperf", ["-V"]);

        target.Should().Be("ip");
        arguments.Should().Equal("netns", "exec", "vnp-1a2b3c-cli", "netperf", "-V");
    }

    [Fact]
    public void A_local_client_runs_tools_directly()
    {
        var (target, arguments) = ClientHost.Local.Command("netperf", ["-V"]);

        target.Should().Be("netperf");
        arguments.Should().Equal("-V");
    }

    [Fact]
    public async Task A_client_started_in_a_cgroup_writes_the_tools_own_id_there()
    {
        var processes = Path.GetTempFileName();
        try
        {
            var (target, arguments) = ClientHost.InNamespace("vnp-1a2b3c-cli").StartingIn(processes).Command("netperf", ["-V"]);
            var (shell, script) = ClientHost.Local.StartingIn(processes).Command("sh", ["-c", "echo $$"]);
            var run = await Cli.Tool.RunAsync(shell, script);

            arguments.Should().EndWith(["ip", "netns", "exec", "vnp-1a2b3c-cli", "netperf", "-V"]);
            target.Should().Be("sh");
            File.ReadAllText(processes).Trim().Should().Be(run.StandardOutput.Trim(), "the tool keeps the shell's id, which went to the cgroup");
        }
        finally
        {
            File.Delete(processes);
        }
    }

    [Theory]
    [InlineData("-n")]
    [InlineData("../etc")]
    [InlineData("a b")]
    public void Namespace_names_that_are_not_plain_names_are_refused(string name)
    {
        var create = () => ClientHost.InNamespace(name);

        create.Should().Throw<ArgumentException>().WithMessage($"*'{name}' is not a valid network namespace name*");
    }
}
