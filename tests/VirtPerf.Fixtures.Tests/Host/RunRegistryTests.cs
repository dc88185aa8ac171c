using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Tests.Host;

public sealed class RunRegistryTests : IDisposable
{
    // A registry of its own: these tests create no host resources, so no cleanup ever reads it.
    private readonly RunRegistry _registry = new(Directory.CreateTempSubdirectory("vnp-registry-").FullName);

    public void Dispose() => Directory.Delete(_registry.Directory, recursive: true);

    [Fact]
    public void A_run_records_its_owner_and_the_processes_it_started()
    {
        var runId = ResourceNames.NewRunId();
        _registry.Register(runId);
        var started = new StartedProcess(ProcessIdentity.Current, "netserver -D");

        _registry.AddProcess(runId, started);

        var record = _registry.Find(runId)!;
        record.Owner.Should().Be(ProcessIdentity.Current);
        record.Owner.IsAlive.Should().BeTrue();
        record.Processes.Should().Equal(started);
    }

    [Fact]
    public void A_removed_run_stays_removed_when_a_late_fixture_forgets_its_process()
    {
        // Ctrl-C: the signal cleanup removes the run while a fixture is still stopping its netserver.
        var runId = ResourceNames.NewRunId();
        _registry.Register(runId);
        _registry.AddProcess(runId, new StartedProcess(ProcessIdentity.Current, "netserver -D"));

        _registry.Remove(runId);
        _registry.RemoveProcess(runId, Environment.ProcessId);

        _registry.Find(runId).Should().BeNull();
        Directory.GetFiles(_registry.Directory, "*.json").Should().BeEmpty();
    }

    [Fact]
    public void An_unreadable_record_counts_as_a_run_whose_owner_is_gone()
    {
        var runId = ResourceNames.NewRunId();
        File.WriteAllText(Path.Combine(_registry.Directory, $"vnp-{runId}-run.json"), "{ truncated");

        var record = _registry.All().Should().ContainSingle().Subject;

        record.RunId.Should().Be(runId);
        record.Owner.IsAlive.Should().BeFalse();
    }
}
