namespace VirtPerf.Assertions.Tests;

/// <summary>The checkout the tests run from (the folder holding VirtNetPerf.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VirtNetPerf.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VirtNetPerf.sln above {start}.");
    }
}
