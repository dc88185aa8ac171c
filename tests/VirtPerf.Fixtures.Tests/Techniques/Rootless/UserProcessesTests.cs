using VirtPerf.Fixtures.Techniques.Rootless;

namespace VirtPerf.Fixtures.Tests.Techniques.Rootless;

public sealed class UserProcessesTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("vnp-proc-").FullName;

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public void The_real_and_effective_uid_are_read_from_a_status_file() =>
        UserProcesses.Uids("Name:\tslirp4netns\nState:\tS (sleeping)\nUid:\t1001\t1001\t1001\t1001\nGid:\t1001\t1001\t1001\t1001\n")
            .Should().Equal(1001, 1001);

    [Fact]
    public void Processes_are_found_by_uid_and_range_and_zombies_are_left_out()
    {
        Status(10, "conmon", "S (sleeping)", 1001);
        Status(11, "netserver", "S (sleeping)", 165534);
        Status(12, "podman pause", "Z (zombie)", 1001);
        Status(13, "sshd", "S (sleeping)", 0);
        Status(14, "other user", "R (running)", 231072);

        UserProcesses.Of(uid => uid == 1001 || uid is >= 100000 and < 231072, _proc).Should().BeEquivalentTo([10, 11]);
    }

    private void Status(int pid, string name, string state, long uid)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        File.WriteAllText(Path.Combine(directory, "status"), $"Name:\t{name}\nState:\t{state}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\n");
    }
}
