using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

public sealed class NamespaceSshHostTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task Commands_over_ssh_run_on_the_namespace_host_under_its_own_name()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();

        var remote = await RemoteSutHost.ConnectAsync(lab.Target);

        remote.Facts.HostName.Should().Be(lab.Host.HostName).And.NotBe(Environment.MachineName);
        remote.IsRoot.Should().BeTrue();
        (await remote.RunAsync("ip", ["netns", "identify"])).StandardOutput.Trim().Should().Be(lab.Host.Namespace);
        (await remote.RunAsync("sh", ["-c", "echo \"$HOME\"; ls -A \"$HOME\""])).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().ContainSingle("the host's home is its own, empty until a run writes there (ls lists nothing)");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Its_environment_variables_describe_its_ssh_target()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var target = lab.Target;

        lab.Host.Environment.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["VIRTPERF_REMOTE_HOST"] = lab.Host.Address.ToString(),
            ["VIRTPERF_REMOTE_SUT_ADDRESS"] = lab.Host.Address.ToString(),
            ["VIRTPERF_REMOTE_USER"] = "root",
            ["VIRTPERF_REMOTE_PORT"] = "22",
            ["VIRTPERF_REMOTE_IDENTITY"] = target.IdentityFile!,
            ["VIRTPERF_REMOTE_KNOWN_HOSTS"] = target.KnownHostsFile!,
            ["VIRTPERF_REMOTE_DOCKER_SOCKET"] = "/var/run/docker.sock",
        });
        target.Validated().Should().Be(target);
        target.Display.Should().Be($"root@{lab.Host.Address}:22");
        (await File.ReadAllTextAsync(target.KnownHostsFile!)).Should().StartWith($"{lab.Host.Address} ssh-ed25519 ");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_host_whose_PATH_lacks_netserver_and_memcached_names_both_as_missing()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        using var scratch = new Scratch();
        // What ssh, the facts and the checks themselves need; nothing else.
        var path = scratch.PathWith("sh", "uname", "nproc", "id", "sed", "head");
        await using var lab = await LabHost.StartAsync(path);
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);

        var missing = await remote.MissingAsync(["netserver", "memcached", "sh"]);

        missing.Should().Equal("netserver", "memcached");
        (await remote.RunAsync("sh", ["-c", "echo \"$PATH\""])).StandardOutput.Trim().Should().Be(path);
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task Disposing_the_host_leaves_nothing_of_it_not_even_a_process_a_session_started()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var host = lab.Host;
        var sshd = LabHost.Registry.Find(lab.RunId)!.Processes.Should().ContainSingle().Which.Process;
        var network = (await Tool.RunAsync("stat", ["-L", "-c", "%i", $"/run/netns/{host.Namespace}"])).StandardOutput.Trim();
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);
        _ = remote.Start(lab.RunId, "srv", "sleep", ["300"], LabHost.Registry); // forgotten, never disposed
        var sleeper = await RemoteRecords.PidAsync(remote, ResourceNames.For(lab.RunId, "srv"));
        ProcessesIn(network).Should().Contain(new[] { sshd.Pid, sleeper });

        await host.DisposeAsync();

        (await IpResources.Namespaces.ListAsync(default)).Should().NotContain(host.Namespace);
        (await IpResources.Links.ListAsync(default)).Should().NotContain(new[] { host.HostLink, host.LabLink });
        host.StateFiles.Should().HaveCount(7).And.OnlyContain(f => !File.Exists(f));
        Directory.GetFiles(LabHost.Registry.Directory, $"vnp-{lab.RunId}-lab*").Should().BeEmpty();
        sshd.IsAlive.Should().BeFalse();
        ProcessesIn(network).Should().BeEmpty();
        LabHost.Registry.Find(lab.RunId)!.Processes.Should().NotContain(p => p.Process == sshd);
    }

    /// <summary>The processes whose network namespace is the one with inode <paramref name="inode"/> (proc(5), /proc/PID/ns).</summary>
    private static List<int> ProcessesIn(string inode) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Where(pid =>
            {
                try
                {
                    return new FileInfo($"/proc/{pid}/ns/net").LinkTarget == $"net:[{inode}]";
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return false; // gone meanwhile
                }
            })
            .Select(pid => int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
