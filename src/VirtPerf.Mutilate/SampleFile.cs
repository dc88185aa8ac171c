using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Mutilate;

/// <summary>The <c>--save</c> file: created empty before the run (so a path that cannot be written fails at once), then
/// every measured iteration's (or a search's capacity's) get samples appended in <see cref="LatencySample"/>'s format.</summary>
internal sealed class SampleFile
{
    private SampleFile(string path) => Path = path;

    /// <summary>Where the samples go.</summary>
    public string Path { get; }

    /// <summary>Creates (or empties) <paramref name="path"/>; throws <see cref="ArgumentException"/> naming it when it
    /// cannot be written.</summary>
    public static SampleFile Create(string path)
    {
        try
        {
            File.WriteAllText(path, "");
            return new SampleFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--save {path}: cannot write it ({e.Message}).");
        }
    }

    /// <summary>Adds <paramref name="samples"/> at the end.</summary>
    public void Append(IEnumerable<LatencySample> samples)
    {
        using var writer = new StreamWriter(Path, append: true);
        LatencySample.Write(writer, samples);
    }
}
