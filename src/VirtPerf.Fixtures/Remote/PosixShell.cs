namespace VirtPerf.Fixtures.Remote;

/// <summary>Quoting for the remote POSIX shell: ssh joins a command's words with spaces and hands the line to the
/// login shell, so every word is sent single-quoted and nothing in it is ever interpreted.</summary>
public static class PosixShell
{
    /// <summary><paramref name="word"/> in single quotes, each <c>'</c> in it written as <c>'\''</c>.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
