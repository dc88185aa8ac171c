using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// Writes a gzip-compressed cpio archive in the "newc" format, the format the Linux kernel unpacks as an initramfs
/// (kernel docs: filesystems/ramfs-rootfs-initramfs, early-userspace/buffer-format). Directories and regular files.
/// </summary>
public static class NewcArchive
{
    /// <summary>Writes <paramref name="entries"/> (archive path without leading '/', content, executable) to
    /// <paramref name="path"/>; parent directories are added as needed.</summary>
    public static void Write(string path, IEnumerable<(string Name, byte[] Content, bool Executable)> entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        var inode = 1;
        foreach (var (name, content, executable) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var parts = name.Split('/');
            for (var depth = 1; depth < parts.Length; depth++)
            {
                var directory = string.Join('/', parts[..depth]);
                if (directories.Add(directory))
                {
                    Entry(gzip, directory, [], Convert.ToInt32("40755", 8), inode++);
                }
            }

            Entry(gzip, name, content, Convert.ToInt32(executable ? "100755" : "100644", 8), inode++);
        }

        Entry(gzip, "TRAILER!!!", [], 0, 0);
    }

    private static void Entry(Stream output, string name, byte[] content, int mode, int inode)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        int[] fields = [inode, mode, 0, 0, 1, 0, content.Length, 0, 0, 0, 0, nameBytes.Length, 0];
        var header = "070701" + string.Concat(fields.Select(f => f.ToString("X8", CultureInfo.InvariantCulture)));
        output.Write(Encoding.ASCII.GetBytes(header));
        output.Write(nameBytes);
        Pad(output, header.Length + nameBytes.Length);
        output.Write(content);
        Pad(output, content.Length);
    }

    private static void Pad(Stream output, int written) => output.Write(new byte[(4 - (written % 4)) % 4]);
}
