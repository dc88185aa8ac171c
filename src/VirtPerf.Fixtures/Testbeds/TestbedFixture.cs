using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.Fixtures.Testbeds;

/// <summary>
/// One run on the testbed, shared by every technique class (an xUnit collection fixture): removes leftovers of killed
/// runs, registers the run, builds the testbed, and removes all of it at the end, on Ctrl-C or at process exit. The
/// testbed is local unless <c>VIRTPERF_REMOTE_HOST</c> names a remote SUT host (<see cref="SshTarget"/>).
/// </summary>
public sealed class TestbedFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private SignalCleanup? _signals;

    /// <summary>The run id carried by every host resource of this run.</summary>
    public string RunId { get; } = ResourceNames.NewRunId();

    /// <summary>The cleanup that serves this run (on a remote testbed it also removes the run's processes, containers,
    /// firewall rules and links there).</summary>
    public HostCleanup Cleanup { get; private set; } = HostCleanup.Default;

    /// <summary>The run registry, where techniques record the processes they start.</summary>
    public RunRegistry Registry => Cleanup.Registry;

    /// <summary>The testbed, once built; null when <see cref="Unavailable"/> or <see cref="StartupError"/> is set.</summary>
    public Testbed? Testbed { get; private set; }

    /// <summary>Why the testbed cannot exist here (rows skip with this), or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>What went wrong while building the testbed (rows fail with this), or null.</summary>
    public Exception? StartupError { get; private set; }

    /// <summary>Writes a line to xUnit's diagnostic output.</summary>
    public void Log(string message) => diagnostics.OnMessage(new DiagnosticMessage($"[VirtNetPerf {RunId}] {message}"));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            if (SshTarget.FromEnvironment() is { } target)
            {
                await StartRemoteAsync(target);
            }
            else
            {
                await StartLocalAsync();
            }
        }
        catch (Exception e)
        {
            StartupError = e;
            Log($"testbed failed to start: {e.Message}");
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Testbed is not null)
        {
            await Testbed.DisposeAsync();
        }

        if (_signals is not null)
        {
            foreach (var straggler in await Cleanup.RemoveRunAsync(RunId))
            {
                Log($"removed at the end of the run: {straggler}");
            }
        }

        _signals?.Dispose();
    }

    private async Task StartLocalAsync()
    {
        Unavailable = MissingForLocal();
        if (Unavailable is not null)
        {
            Log($"testbed unavailable: {Unavailable}");
            return;
        }

        await BeginRunAsync();
        var testbed = await LocalTestbed.CreateAsync(RunId, Registry);
        Testbed = testbed;
        Log($"local testbed up: client namespace {testbed.ClientNamespace} {testbed.ClientAddress} <-> host {testbed.HostLink} {testbed.HostAddress}");
        Log(testbed.CpuIdle);
    }

    private async Task StartRemoteAsync(SshTarget target)
    {
        Log($"remote testbed: connecting to {target.Display} (SUT address {target.SutAddress})");
        var host = await RemoteSutHost.ConnectAsync(target);
        Cleanup = HostCleanup.Default.With(
            [
                new RemoteProcesses(host), .. DockerResources.Of(DockerCli.On(host, target.DockerSocket)), new IptablesRules(host),
                IpResources.LinksOn(host),
            ]);
        await BeginRunAsync();
        Testbed = await RemoteTestbed.CreateAsync(RunId, host, Registry);
        Log($"remote testbed up: client on this host -> SUT host {host.Facts.HostName} ({host.Description}) at {target.SutAddress}, {Testbed.Link}");
    }

    private async Task BeginRunAsync()
    {
        foreach (var leftover in await Cleanup.RemoveLeftoversAsync())
        {
            Log($"removed leftover of a killed run: {leftover}");
        }

        Registry.Register(RunId);
        _signals = SignalCleanup.Register(() => Cleanup.RemoveRunAsync(RunId));
    }

    private static string? MissingForLocal()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the local testbed needs Linux (network namespaces and veth).";
        }

        if (!Privileges.HasNetAdmin())
        {
            return "the local testbed needs CAP_NET_ADMIN to create a network namespace and a veth cable: run as root (sudo).";
        }

        return Tool.IsInstalled("ip") ? null : "iproute2 ('ip') is not installed: run scripts/setup.sh.";
    }
}
