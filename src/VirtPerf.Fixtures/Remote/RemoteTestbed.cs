using System.Globalization;
using System.Net;
using System.Text.Json;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Remote;

/// <summary>
/// The two-host testbed: the load generator on this machine (its own network stack), the SUT host on another machine
/// reached over SSH, the load sent to the SUT host's address on the test link (inside 198.18.0.0/15).
/// </summary>
public sealed class RemoteTestbed : Testbed
{
    /// <summary>The kind recorded in fingerprints.</summary>
    public const string RemoteKind = "remote";

    private readonly RunRegistry _registry;
    private readonly SemaphoreSlim _dockerLock = new(1, 1);
    private SocketForward? _dockerForward;

    private RemoteTestbed(string runId, RemoteSutHost host, RunRegistry registry, string link, string sutLink)
    {
        RunId = runId;
        Host = host;
        _registry = registry;
        Link = link;
        SutLink = sutLink;
    }

    /// <inheritdoc />
    public override string Kind => RemoteKind;

    /// <inheritdoc />
    public override string RunId { get; }

    /// <summary>The remote SUT host.</summary>
    public RemoteSutHost Host { get; }

    /// <inheritdoc />
    public override IPAddress HostAddress => Host.Target.SutAddress;

    /// <inheritdoc />
    public override string? ClientNamespace => null;

    /// <inheritdoc />
    public override SutHost Sut => Host;

    /// <inheritdoc />
    public override string Link { get; }

    /// <inheritdoc />
    public override string SutLink { get; }

    /// <summary>Checks the host (<see cref="RemotePreflight"/>) and this machine's route to its SUT address.</summary>
    public static async Task<RemoteTestbed> CreateAsync(
        string runId, RemoteSutHost host, RunRegistry registry, CancellationToken cancellationToken = default)
    {
        await RemotePreflight.CheckAsync(host, cancellationToken);
        return new RemoteTestbed(
            runId, host, registry, await LinkAsync(host.Target.SutAddress, cancellationToken), await SutLinkAsync(host, cancellationToken));
    }

    /// <summary>The host's engine (<see cref="SshTarget.DockerSocket"/>): the docker CLI runs there over SSH, and
    /// Testcontainers reaches the API through a socket forwarded here, set up on first use.</summary>
    public override async Task<DockerEngine> DockerEngineAsync(CancellationToken cancellationToken = default)
    {
        await _dockerLock.WaitAsync(cancellationToken);
        try
        {
            _dockerForward ??= await SocketForward.StartAsync(Host.Target, Host.Target.DockerSocket, RunId, "dks", _registry, cancellationToken);
            return new DockerEngine(DockerCli.On(Host, Host.Target.DockerSocket), "unix://" + _dockerForward.LocalSocket);
        }
        finally
        {
            _dockerLock.Release();
        }
    }

    /// <summary>Ends the Docker socket forward, if any; the run's processes on the host are ended by their owners
    /// and the run's cleanup.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (_dockerForward is not null)
        {
            await _dockerForward.DisposeAsync();
        }

        _dockerLock.Dispose();
    }

    /// <summary>The name of the host's interface that holds its SUT address.</summary>
    private static async Task<string> SutLinkAsync(RemoteSutHost host, CancellationToken cancellationToken)
    {
        var run = await host.RunAsync("ip", ["-j", "-4", "addr", "show", "to", host.Target.SutAddress.ToString()], cancellationToken);
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(run.StandardOutput) ? "[]" : run.StandardOutput);
        return json.RootElement.GetArrayLength() > 0
            ? json.RootElement[0].GetProperty("ifname").GetString()!
            : throw new RemoteHostException($"{host.Target.SutAddress} is not an address of {host.Description}: set VIRTPERF_REMOTE_SUT_ADDRESS to its address on the test link.");
    }

    /// <summary>The MTU and speed (sysfs) of this machine's interface toward <paramref name="address"/>, e.g.
    /// <c>mtu 1500, 10000 Mb/s</c>; not its name, which may change between runs.</summary>
    private static async Task<string> LinkAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var route = await Tool.RunAsync("ip", ["-j", "route", "get", address.ToString()], cancellationToken, allowFailure: true);
        if (route.ExitCode != 0)
        {
            throw new RemoteHostException($"This machine has no route to the SUT address {address}: connect the test link and give it an address in that subnet.\n  {route.Transcript}");
        }

        using var json = JsonDocument.Parse(route.StandardOutput);
        var device = json.RootElement[0].GetProperty("dev").GetString()!;
        string Read(string file) =>
            File.Exists($"/sys/class/net/{device}/{file}") ? TryRead($"/sys/class/net/{device}/{file}") : "unknown";
        return string.Create(CultureInfo.InvariantCulture, $"mtu {Read("mtu")}, {Read("speed")} Mb/s");
    }

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "unknown"; // speed is unreadable on links that do not report one (EINVAL)
        }
    }
}
