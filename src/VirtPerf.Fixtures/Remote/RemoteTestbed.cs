using System.Globalization;
using System.Net;
using System.Text.Json;
using VirtPerf.Cli;
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

    private RemoteTestbed(string runId, RemoteSutHost host, string link)
    {
        RunId = runId;
        Host = host;
        Link = link;
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

    /// <summary>Checks the host (<see cref="RemotePreflight"/>) and this machine's route to its SUT address.</summary>
    public static async Task<RemoteTestbed> CreateAsync(string runId, RemoteSutHost host, CancellationToken cancellationToken = default)
    {
        await RemotePreflight.CheckAsync(host, cancellationToken);
        return new RemoteTestbed(runId, host, await LinkAsync(host.Target.SutAddress, cancellationToken));
    }

    /// <summary>Nothing to remove: the run's processes on the host are ended by their owners and the run's cleanup.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

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
