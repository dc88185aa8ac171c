using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

/// <summary>What the QEMU techniques need of a remote SUT host: cached image copies, a process's own files and pid,
/// and its links as a cleanup kind.</summary>
public sealed class RemoteFilesTests
{
    private const string Stat = """stat -c '%i %s' "$1" && ls -a "$(dirname "$1")" """;

    [SkippableFact(Timeout = 60_000)]
    public async Task A_local_file_is_copied_into_the_hosts_image_cache_once_under_its_content_hash()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);
        var local = Path.Combine(Directory.CreateTempSubdirectory("vnp-image-").FullName, "vmlinuz-test");
        try
        {
            await File.WriteAllBytesAsync(local, Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());

            var copy = await remote.CachedCopyAsync(local);
            var first = (await remote.RunAsync("sh", ["-c", Stat, "sh", copy])).StandardOutput;
            var again = await remote.CachedCopyAsync(local);
            var second = (await remote.RunAsync("sh", ["-c", Stat, "sh", copy])).StandardOutput;

            copy.Should().MatchRegex(@"^/.+/\.cache/virtnetperf/images/vmlinuz-test-[0-9a-f]{16}$");
            again.Should().Be(copy);
            second.Should().Be(first, "the second call finds the copy and sends nothing (same inode)");
            first.Should().Contain(" 300000\n").And.NotContain(".tmp", "the copy is written under a temporary name, then renamed");
            (await remote.RunAsync("sha256sum", [copy])).StandardOutput.Should().StartWith(
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(local))));
            File.Exists(copy).Should().BeFalse("the lab host's home is its own");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(local)!, recursive: true);
        }
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_started_process_tells_its_pid_there_and_its_files_go_with_its_record()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);
        var log = await remote.ProcessFileAsync(lab.RunId, "srv", "console", LabHost.Registry);

        var process = remote.Start(lab.RunId, "srv", "sh", ["-c", "echo ready > \"$1\"; exec sleep 300", "sh", log], LabHost.Registry);
        var pid = await process.HostProcessIdAsync();

        pid.Should().Be(await RemoteRecords.PidAsync(remote, ResourceNames.For(lab.RunId, "srv")));
        (await Tool.RunAsync("ip", ["netns", "identify", pid.ToString(CultureInfo.InvariantCulture)])).StandardOutput.Trim()
            .Should().Be(lab.Host.Namespace);
        log.Should().MatchRegex($@"^/.+/\.cache/virtnetperf/sut/[^/]+/vnp-{lab.RunId}-srv\.console$");
        var text = "";
        for (var i = 0; i < 50 && text.Length == 0; i++)
        {
            text = (await remote.RunAsync("sh", ["-c", "cat \"$1\" 2>/dev/null || true", "sh", log])).StandardOutput;
            await Task.Delay(100);
        }

        text.Should().Be("ready\n");

        await process.DisposeAsync();

        (await remote.ExistsAsync(log)).Should().BeFalse("the stop removes the process's files with its record");
        ProcessIdentity.Of(pid).Should().BeNull();
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task The_hosts_links_are_a_cleanup_kind_of_their_own()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var remote = await RemoteSutHost.ConnectAsync(lab.Target);
        var links = IpResources.LinksOn(remote);
        var name = ResourceNames.For(lab.RunId, "tst");

        await remote.RunAsync("ip", ["link", "add", name, "type", "bridge"]);

        links.Kind.Should().Be($"network link on {lab.Target.Display} over SSH");
        (await links.ListAsync(default)).Should().Contain(name);
        (await IpResources.Links.ListAsync(default)).Should().NotContain(name, "the link is the lab host's, not this machine's");
        await links.RemoveAsync(name, default);
        (await links.ListAsync(default)).Should().NotContain(name);
    }
}
