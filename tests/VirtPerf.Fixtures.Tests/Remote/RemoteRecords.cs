using System.Globalization;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

/// <summary>Reads the remote host's record of a started process (<c>PID STARTTICKS</c>), as the stop script does.</summary>
internal static class RemoteRecords
{
    private const string Read = """cat "$HOME"/.cache/virtnetperf/sut/*/"$1".pid 2>/dev/null || true""";

    /// <summary>The pid of the remote process named <paramref name="name"/>, once its record is written.</summary>
    public static async Task<int> PidAsync(RemoteSutHost remote, string name)
    {
        while (true)
        {
            var record = (await remote.RunAsync("sh", ["-c", Read, "sh", name])).StandardOutput;
            if (record.EndsWith('\n') && record.Split(' ', StringSplitOptions.TrimEntries) is [var pid, _])
            {
                return int.Parse(pid, CultureInfo.InvariantCulture);
            }

            await Task.Delay(100);
        }
    }
}
