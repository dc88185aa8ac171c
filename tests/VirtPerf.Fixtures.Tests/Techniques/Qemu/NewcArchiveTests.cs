using System.IO.Compression;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Techniques.Qemu;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

public sealed class NewcArchiveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vnp-newc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact(Timeout = 30_000)]
    public async Task The_real_cpio_reads_back_every_file_with_its_content_mode_and_parent_directories()
    {
        Skip.IfNot(Tool.IsInstalled("cpio"), "cpio is not installed: run scripts/setup.sh");
        var archive = Path.Combine(_directory, "initramfs.cpio.gz");
        NewcArchive.Write(archive, [("init", "#!/bin/sh\n"u8.ToArray(), true), ("usr/bin/tool", [1, 2, 3, 4, 5], false)]);
        var plain = Path.Combine(_directory, "initramfs.cpio");
        await using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
        await using (var output = File.Create(plain))
        {
            await gzip.CopyToAsync(output);
        }

        var listing = await Tool.RunAsync("cpio", ["-i", "-t", "-v", "-F", plain]);
        var extract = Path.Combine(_directory, "root");
        Directory.CreateDirectory(extract);
        await Tool.RunAsync("cpio", ["-i", "-d", "-F", plain, "-D", extract]);

        listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[^1])
            .Should().Equal("init", "usr", "usr/bin", "usr/bin/tool");
        listing.StandardOutput.Should().MatchRegex(@"-rwxr-xr-x .* init\n").And.MatchRegex(@"drwxr-xr-x .* usr\n");
        (await File.ReadAllBytesAsync(Path.Combine(extract, "usr/bin/tool"))).Should().Equal(1, 2, 3, 4, 5);
        (await File.ReadAllTextAsync(Path.Combine(extract, "init"))).Should().Be("#!/bin/sh\n");
    }
}
