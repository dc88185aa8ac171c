namespace VirtPerf.Rows;

/// <summary>The checkout the suite runs from: where <c>results/</c> and <c>baselines/</c> live by default.</summary>
public static class RepositoryRoot
{
    /// <summary>The nearest folder above the test assembly holding VirtNetPerf.sln, else the current directory.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VirtNetPerf.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
