using VirtPerf.Cli;
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
    public async Task A_tool_the_run_starts_is_on_record_before_it_runs_and_keeps_the_recorded_identity()
    {
        var runId = ResourceNames.NewRunId();
        _registry.Register(runId);

        await using var sleep = _registry.Start(runId, "sleep", ["30"]);

        var recorded = _registry.Find(runId)!.Processes.Should().ContainSingle().Subject;
        recorded.CommandLine.Should().Be("sleep 30");
        for (var waited = 0; waited < 100 && ProcessIdentity.CommandLine(sleep.ProcessId).FirstOrDefault() != "sleep"; waited++)
        {
            await Task.Delay(50);
        }

        ProcessIdentity.CommandLine(sleep.ProcessId).Should().Equal(["sleep", "30"], "the shell holding its place execs the tool");
        recorded.Process.IsAlive.Should().BeTrue("exec keeps the process id and start time that were recorded");
    }

    [Fact]
    public async Task A_tool_that_could_not_be_recorded_never_runs()
    {
        ToolProcess? started = null;

        var start = () => ToolProcess.Start("sleep", ["30"], process =>
        {
            started = process;
            throw new InvalidOperationException("the run record could not be written");
        });

        start.Should().Throw<InvalidOperationException>();
        var exit = await started!.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        exit.Should().Be(1, "the shell read the end of its input instead of the go-ahead, and exited without the tool");
        await started.DisposeAsync();
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
