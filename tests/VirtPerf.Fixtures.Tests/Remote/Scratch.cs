using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Tests.Remote;

/// <summary>A temporary folder for a test's own files (keys, known_hosts, a PATH folder), deleted on dispose.</summary>
internal sealed class Scratch : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vnp-remote-test-").FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A new ed25519 key pair; returns the private key's path (the public key is PATH.pub).</summary>
    public async Task<string> NewKeyAsync(string name)
    {
        var path = Path.Combine(Directory, name);
        await Tool.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path]);
        return path;
    }

    /// <summary>A folder holding links to just these tools of this machine: a PATH for a host that has nothing else.</summary>
    public string PathWith(params string[] tools)
    {
        var bin = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "bin")).FullName;
        foreach (var tool in tools)
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), Tool.Locate(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH."));
        }

        return bin;
    }
}
