using System.Net;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.Fixtures.Tests.Remote;

/// <summary>The preflight on a real SSH host: one error listing every missing piece with its fix, before anything runs.</summary>
public sealed class RemotePreflightTests
{
    [SkippableFact(Timeout = 60_000)]
    public async Task A_host_without_netperf_and_memcached_is_refused_naming_both_and_the_fix()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        using var scratch = new Scratch();
        await using var lab = await LabHost.StartAsync(
            path: scratch.PathWith("sh", "uname", "nproc", "id", "sed", "head", "awk", "ip", "mkdir", "test"));
        var host = await RemoteSutHost.ConnectAsync(lab.Target);

        var check = () => RemotePreflight.CheckAsync(host);

        (await check.Should().ThrowAsync<RemoteHostException>())
            .WithMessage($"The remote SUT host {lab.Target.Display} is not ready; nothing was measured:*missing tools: "
                + "netserver (netperf, from Debian's non-free component), memcached (memcached). Fix: run scripts/setup.sh on*");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_sut_address_that_is_not_the_hosts_own_is_refused()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();
        var host = await RemoteSutHost.ConnectAsync(lab.Target with { SutAddress = IPAddress.Parse("198.18.254.254") });

        var check = () => RemotePreflight.CheckAsync(host);

        (await check.Should().ThrowAsync<RemoteHostException>())
            .WithMessage("*VIRTPERF_REMOTE_SUT_ADDRESS=198.18.254.254 is not an address of*");
    }

    [SkippableFact(Timeout = 60_000)]
    public async Task A_complete_host_passes()
    {
        Skip.If(LabHost.Unavailable is not null, LabHost.Unavailable);
        await using var lab = await LabHost.StartAsync();

        var check = async () => await RemotePreflight.CheckAsync(await RemoteSutHost.ConnectAsync(lab.Target));

        await check.Should().NotThrowAsync();
    }
}
