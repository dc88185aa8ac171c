using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>This machine as the SUT host (the local testbed).</summary>
public sealed class LocalSutHost : SutHost
{
    private LocalSutHost()
    {
    }

    /// <summary>The one local SUT host.</summary>
    public static LocalSutHost Instance { get; } = new();

    /// <inheritdoc />
    public override string Description => "this host";

    /// <inheritdoc />
    public override HostFacts Facts { get; } = HostFacts.Local();

    /// <inheritdoc />
    public override bool IsRoot => Environment.IsPrivilegedProcess;

    /// <inheritdoc />
    public override Task<bool> IsInstalledAsync(string tool, CancellationToken cancellationToken = default) =>
        Task.FromResult(Tool.IsInstalled(tool));

    /// <inheritdoc />
    public override Task<ToolResult> RunAsync(
        string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default, bool allowFailure = false) =>
        Tool.RunAsync(tool, arguments, cancellationToken, allowFailure);

    /// <inheritdoc />
    public override Task<string> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        File.ReadAllTextAsync(path, cancellationToken);

    /// <inheritdoc />
    public override Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(Path.Exists(path));

    /// <inheritdoc />
    public override Task<string> CachedCopyAsync(string localFile, CancellationToken cancellationToken = default) =>
        Task.FromResult(localFile);

    /// <inheritdoc />
    public override Task<string> ProcessFileAsync(
        string runId, string role, string extension, RunRegistry registry, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.StateFile(runId, role, extension));

    /// <inheritdoc />
    public override SutProcess Start(string runId, string role, string tool, IReadOnlyList<string> arguments, RunRegistry registry)
    {
        var process = registry.Start(runId, tool, arguments);
        return new SutProcess(
            process,
            async p =>
            {
                await p.DisposeAsync();
                registry.RemoveProcess(runId, p.ProcessId);
                foreach (var file in Directory.GetFiles(registry.Directory, $"{ResourceNames.For(runId, role)}.*"))
                {
                    File.Delete(file); // its process files (ProcessFileAsync), as a remote host's stop removes them
                }
            },
            _ => Task.FromResult(process.ProcessId));
    }
}
