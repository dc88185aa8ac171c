using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

public sealed class SshFailureTests
{
    [SkippableFact(Timeout = 30_000)]
    public async Task A_host_key_other_than_the_known_one_is_refused_with_the_fix()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        using var scratch = new Scratch();
        var other = File.ReadAllText(await scratch.NewKeyAsync("other") + ".pub").Split(' ');
        var knownHosts = scratch.Write("known_hosts", $"{lab.Target.Host} {other[0]} {other[1]}\n");

        var connect = () => RemoteSutHost.ConnectAsync(lab.Target with { KnownHostsFile = knownHosts });

        (await connect.Should().ThrowAsync<RemoteHostException>()).WithMessage(
            $"Remote SUT host: the host key of {lab.Target.Display} does not match the one in {knownHosts}*"
            + $"check its new key*(ssh-keygen -R {lab.Target.Host} -f {knownHosts})*ssh said:*REMOTE HOST IDENTIFICATION HAS CHANGED*");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task An_unknown_host_key_is_never_accepted_and_the_error_says_how_to_add_it()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        using var scratch = new Scratch();
        var empty = scratch.Write("known_hosts", "");

        var connect = () => RemoteSutHost.ConnectAsync(lab.Target with { KnownHostsFile = empty });

        (await connect.Should().ThrowAsync<RemoteHostException>()).WithMessage(
            $"Remote SUT host: the host key of {lab.Target.Display} is not in {empty} and is never accepted blindly*"
            + $"ssh-keyscan -p 22 {lab.Target.Host}*then add it to {empty}*");
        File.ReadAllText(empty).Should().BeEmpty("ssh added nothing");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_port_where_nothing_listens_is_reported_as_refused()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var target = lab.Target with { Port = 2222 };

        var connect = () => RemoteSutHost.ConnectAsync(target);

        (await connect.Should().ThrowAsync<RemoteHostException>()).WithMessage(
            $"Remote SUT host: {target.Display} refused the connection: is sshd running there, and on that port*Connection refused*");
    }

    [SkippableFact(Timeout = 30_000)]
    public async Task A_key_the_host_does_not_authorize_is_reported_as_a_refused_login()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        using var scratch = new Scratch();
        var target = lab.Target with { IdentityFile = await scratch.NewKeyAsync("stranger") };

        var connect = () => RemoteSutHost.ConnectAsync(target);

        (await connect.Should().ThrowAsync<RemoteHostException>()).WithMessage(
            $"Remote SUT host: {target.Display} refused the login*VIRTPERF_REMOTE_IDENTITY*Permission denied*");
    }
}
