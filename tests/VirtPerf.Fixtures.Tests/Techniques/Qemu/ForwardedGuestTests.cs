using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Techniques.LinuxPasst;
using VirtPerf.Fixtures.Techniques.LinuxUserNet;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Tests.Payloads;
using VirtPerf.TestSupport;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

/// <summary>Linux guests behind a forwarder instead of a tap (TCG here): QEMU's user-mode networking and passt.</summary>
[Collection(HostWideCollection.Name)]
public sealed class ForwardedGuestTests
{
    [SkippableFact(Timeout = 600_000)]
    public async Task A_guest_on_user_mode_networking_serves_on_the_cable_address_with_the_fixed_data_port()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.IfNot(Tool.IsInstalled(QemuCommand.Executable), "qemu-system-x86_64 is not installed: run scripts/setup.sh");
        await using var user = await TechniqueRun<LinuxUserNetFixture>.StartAsync(run => new LinuxUserNetFixture(run));
        user.Technique.StartupError.Should().BeNull();

        user.Technique.Endpoint.Should().Be(new SutEndpoint(user.Run.Testbed!.HostAddress, 12865, 11211, NicForwarder.NetperfDataPort));
        await MemcachedProbe.ShouldServeAsync(user.Technique.Endpoint!, threads: int.Parse(user.Technique.Context["vcpus"], CultureInfo.InvariantCulture));
        (await NetperfAsync(user.Run, user.Technique.Endpoint!, "UDP_RR")).Should().MatchRegex(@"[1-9]\d*\.\d+", "slirp carries the guest's UDP replies");
    }

    [SkippableFact(Timeout = 600_000)]
    public async Task A_guest_on_passt_counts_passts_CPU_and_passt_and_its_socket_folder_go_with_the_guest()
    {
        Skip.If(TestRun.Unavailable is not null, TestRun.Unavailable);
        Skip.IfNot(Tool.IsInstalled(QemuCommand.Executable), "qemu-system-x86_64 is not installed: run scripts/setup.sh");
        Skip.IfNot(Tool.IsInstalled("passt"), "passt is not installed: run scripts/setup.sh");
        ProcessIdentity passt;
        string folder;
        await using (var guest = await TechniqueRun<LinuxPasstFixture>.StartAsync(run => new LinuxPasstFixture(run)))
        {
            guest.Technique.StartupError.Should().BeNull();
            var recorded = guest.Run.Registry.Find(guest.Run.RunId)!.Processes.Single(p => p.CommandLine.StartsWith("passt ", StringComparison.Ordinal));
            passt = recorded.Process;
            folder = guest.Run.Registry.StateFile(guest.Run.RunId, "lpp", "passt");
            Directory.Exists(folder).Should().BeTrue();
            var pid = Convert.ToInt32(passt.Pid);
            var passtBefore = ProcessTreeCpu.Seconds([pid]);

            (await NetperfAsync(guest.Run, guest.Technique.Endpoint!, "TCP_RR")).Should().MatchRegex(@"[1-9]\d*\.\d+");

            ProcessTreeCpu.Seconds([pid]).Should().BeGreaterThan(passtBefore, "passt translated every transaction");
            guest.Technique.SutHostCpu!.Seconds().Should().BeGreaterThan(ProcessTreeCpu.Seconds([pid]), "the technique's CPU is QEMU's and passt's");
        }

        passt.IsAlive.Should().BeFalse("passt is ended with its guest");
        Directory.Exists(folder).Should().BeFalse("the socket's folder goes with passt");
    }

    private static async Task<string> NetperfAsync(VirtPerf.Fixtures.Testbeds.TestbedFixture run, SutEndpoint endpoint, string test) =>
        (await Tool.RunAsync("ip", [
            "netns", "exec", run.Testbed!.ClientNamespace!, "netperf", "-H", endpoint.Address.ToString(), "-p", endpoint.NetserverPort!.Value.ToString(CultureInfo.InvariantCulture),
            "-t", test, "-l", "2", "-P", "0", "--", "-P", $",{endpoint.NetperfDataPort}",
        ])).StandardOutput;
}
