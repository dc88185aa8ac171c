using System.Text.Json;

namespace VirtPerf.Fixtures.Host;

/// <summary>
/// One small JSON file per live run under a state directory (default <c>/run/virtnetperf</c>, emptied at boot like
/// the namespaces it describes): the owner process and the processes the run started, so that the next run can
/// end exactly those, by id, if this one is killed.
/// </summary>
public sealed class RunRegistry(string directory)
{
    /// <summary>Where run records live unless <c>VIRTPERF_STATE_DIR</c> says otherwise.</summary>
    public const string DefaultDirectory = "/run/virtnetperf";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _write = new();
    private readonly HashSet<string> _removed = [];

    /// <summary>The registry at <c>VIRTPERF_STATE_DIR</c> or <see cref="DefaultDirectory"/>.</summary>
    public static RunRegistry Default { get; } =
        new(Environment.GetEnvironmentVariable("VIRTPERF_STATE_DIR") is { Length: > 0 } dir ? dir : DefaultDirectory);

    /// <summary>The state directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>A state file of the run (a guest's console log, say), removed with the run's record.</summary>
    public string StateFile(string runId, string role, string extension)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $"{ResourceNames.For(runId, role)}.{extension}");
    }

    /// <summary>Records a new run owned by <paramref name="owner"/> (by default this process).</summary>
    public RunRecord Register(string runId, ProcessIdentity? owner = null) =>
        Write(new RunRecord(runId, owner ?? ProcessIdentity.Current, DateTimeOffset.UtcNow, []));

    /// <summary>Adds a process the run started.</summary>
    public void AddProcess(string runId, StartedProcess process) =>
        Update(runId, r => r with { Processes = [.. r.Processes, process] });

    /// <summary>Starts a tool for the run that runs only once it is on the run's record, so a run killed at any
    /// moment leaves no tool the next start cannot find (<see cref="Cli.ToolProcess.Start(string, IReadOnlyList{string}, Action{Cli.ToolProcess})"/>).</summary>
    public Cli.ToolProcess Start(string runId, string tool, IReadOnlyList<string> arguments) =>
        Cli.ToolProcess.Start(tool, arguments, process => AddProcess(runId, process));

    private void AddProcess(string runId, Cli.ToolProcess process)
    {
        if (ProcessIdentity.Of(process.ProcessId) is { } identity)
        {
            AddProcess(runId, new StartedProcess(identity, process.CommandLine));
        }
    }

    /// <summary>Forgets a process the run has ended itself.</summary>
    public void RemoveProcess(string runId, int pid) =>
        Update(runId, r => r with { Processes = r.Processes.Where(p => p.Process.Pid != pid).ToList() });

    /// <summary>The record of a run, or null when there is none.</summary>
    public RunRecord? Find(string runId) => All().FirstOrDefault(r => r.RunId == runId);

    /// <summary>Every run on record; an unreadable record is returned as a run with a dead owner and no processes.</summary>
    public IReadOnlyList<RunRecord> All()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.GetFiles(Directory, "*.json")
            .Select(path => (Path: path, RunId: ResourceNames.RunIdOf(Path.GetFileNameWithoutExtension(path))))
            .Where(f => f.RunId is not null)
            .Select(f => Read(f.Path, f.RunId!))
            .ToList();
    }

    /// <summary>Deletes the record of a run whose resources are gone; later updates of that run are ignored, so a
    /// fixture disposing after a Ctrl-C cleanup cannot bring the record back.</summary>
    public void Remove(string runId)
    {
        lock (_write)
        {
            _removed.Add(runId);
            foreach (var file in System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, $"{ResourceNames.Prefix}-{runId}-*") : [])
            {
                File.Delete(file); // the run record and the run's other state files (guest console logs)
            }

            foreach (var folder in System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetDirectories(Directory, $"{ResourceNames.Prefix}-{runId}-*") : [])
            {
                System.IO.Directory.Delete(folder, recursive: true); // state folders (a passt socket's)
            }
        }
    }

    /// <summary>Holds the host-wide lock under which runs allocate addresses and sweep leftovers.</summary>
    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, "lock");
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix; it is released when the stream closes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static RunRecord Read(string path, string runId)
    {
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json)
                ?? throw new JsonException("null record");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return new RunRecord(runId, new ProcessIdentity(0, 0), DateTimeOffset.MinValue, []);
        }
    }

    private void Update(string runId, Func<RunRecord, RunRecord> change)
    {
        lock (_write)
        {
            if (_removed.Contains(runId))
            {
                return;
            }

            var record = Find(runId) ?? throw new InvalidOperationException($"Run {runId} is not registered in {Directory}.");
            Write(change(record));
        }
    }

    private RunRecord Write(RunRecord record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(record.RunId);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, path, overwrite: true);
        return record;
    }

    private string PathOf(string runId) => Path.Combine(Directory, ResourceNames.For(runId, "run") + ".json");
}
