using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace VirtPerf.Fixtures.Remote;

/// <summary>
/// The remote SUT host and how to reach it over SSH. Only what is set here is passed to OpenSSH's client, so the
/// user's own ~/.ssh/config, keys and agent keep working; host keys are always verified against known_hosts.
/// </summary>
/// <param name="Host">Host name, address or ~/.ssh/config alias (<c>VIRTPERF_REMOTE_HOST</c>).</param>
/// <param name="SutAddress">The SUT host's address on the test link, where the load goes; inside 198.18.0.0/15
/// (<c>VIRTPERF_REMOTE_SUT_ADDRESS</c>, default <paramref name="Host"/> when it is such an address).</param>
/// <param name="User">Login user, or null for ssh's choice (<c>VIRTPERF_REMOTE_USER</c>).</param>
/// <param name="Port">SSH port, or null for ssh's choice (<c>VIRTPERF_REMOTE_PORT</c>).</param>
/// <param name="IdentityFile">Private key file, or null for the agent and ssh's defaults (<c>VIRTPERF_REMOTE_IDENTITY</c>).</param>
/// <param name="KnownHostsFile">A known_hosts file to verify the host key with instead of the user's
/// (<c>VIRTPERF_REMOTE_KNOWN_HOSTS</c>).</param>
/// <param name="DockerSocket">The Docker engine's socket on the host, for the container techniques
/// (<c>VIRTPERF_REMOTE_DOCKER_SOCKET</c>, default <see cref="DefaultDockerSocket"/>).</param>
public sealed partial record SshTarget(
    string Host, IPAddress SutAddress, string? User = null, int? Port = null, string? IdentityFile = null, string? KnownHostsFile = null,
    string DockerSocket = SshTarget.DefaultDockerSocket)
{
    /// <summary>Where dockerd listens unless told otherwise.</summary>
    public const string DefaultDockerSocket = "/var/run/docker.sock";

    /// <summary>RFC 2544's benchmarking block, the only addresses load is sent to.</summary>
    public static readonly IPNetwork BenchmarkBlock = IPNetwork.Parse("198.18.0.0/15");

    /// <summary>The environment variable that turns the remote testbed on.</summary>
    public const string HostVariable = "VIRTPERF_REMOTE_HOST";

    /// <summary>How a person names the destination, e.g. <c>root@lab1:2222</c>.</summary>
    public string Display => $"{(User is null ? "" : User + "@")}{Host}{(Port is null ? "" : ":" + Port.Value.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> naming the setting and the fix.</summary>
    public SshTarget Validated()
    {
        Require(HostName().IsMatch(Host), HostVariable, Host, "a host name, address or ssh config alias (letters, digits, '.', '-', '_', ':')");
        Require(User is null || UserName().IsMatch(User), "VIRTPERF_REMOTE_USER", User, "a login name");
        Require(Port is null or (> 0 and < 65536), "VIRTPERF_REMOTE_PORT", Port?.ToString(CultureInfo.InvariantCulture), "a port from 1 to 65535");
        Require(IdentityFile is null || File.Exists(IdentityFile), "VIRTPERF_REMOTE_IDENTITY", IdentityFile, "an existing private key file");
        Require(KnownHostsFile is null || File.Exists(KnownHostsFile), "VIRTPERF_REMOTE_KNOWN_HOSTS", KnownHostsFile, "an existing known_hosts file");
        Require(SocketPath().IsMatch(DockerSocket), "VIRTPERF_REMOTE_DOCKER_SOCKET", DockerSocket, "an absolute path (letters, digits, '/', '.', '-', '_')");
        Require(
            BenchmarkBlock.Contains(SutAddress), "VIRTPERF_REMOTE_SUT_ADDRESS", SutAddress.ToString(),
            "the SUT host's address on the test link, inside 198.18.0.0/15 (RFC 2544's benchmarking block): VirtNetPerf sends load nowhere else");
        return this;
    }

    /// <summary>The target the <c>VIRTPERF_REMOTE_*</c> variables describe, or null when <c>VIRTPERF_REMOTE_HOST</c> is unset.</summary>
    public static SshTarget? FromEnvironment()
    {
        if (Read(HostVariable) is not { } host)
        {
            return null;
        }

        var sut = Read("VIRTPERF_REMOTE_SUT_ADDRESS") ?? (IPAddress.TryParse(host, out _) ? host : null)
            ?? throw new ArgumentException(
                $"{HostVariable}='{host}' is a name: set VIRTPERF_REMOTE_SUT_ADDRESS to the SUT host's address on the test link (inside 198.18.0.0/15).");
        return new SshTarget(
            host,
            IPAddress.TryParse(sut, out var address) ? address : throw new ArgumentException($"VIRTPERF_REMOTE_SUT_ADDRESS='{sut}' is not an IP address."),
            Read("VIRTPERF_REMOTE_USER"),
            Read("VIRTPERF_REMOTE_PORT") is { } port
                ? int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : throw new ArgumentException($"VIRTPERF_REMOTE_PORT='{port}' is not a port number.")
                : null,
            Read("VIRTPERF_REMOTE_IDENTITY"),
            Read("VIRTPERF_REMOTE_KNOWN_HOSTS"),
            Read("VIRTPERF_REMOTE_DOCKER_SOCKET") ?? DefaultDockerSocket).Validated();
    }

    private static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static void Require(bool valid, string setting, string? value, string expected)
    {
        if (!valid)
        {
            throw new ArgumentException($"{setting}='{value}' must be {expected}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex UserName();

    [GeneratedRegex("^/[A-Za-z0-9_./-]{1,200}$")]
    private static partial Regex SocketPath();
}
