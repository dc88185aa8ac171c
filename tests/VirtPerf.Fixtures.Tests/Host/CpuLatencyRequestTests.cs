using VirtPerf.Fixtures.Host;

namespace VirtPerf.Fixtures.Tests.Host;

/// <summary>The run's PM QoS request, read back from the kernel (reading the device gives the latency in force).</summary>
public sealed class CpuLatencyRequestTests
{
    [SkippableFact]
    public void While_a_run_holds_its_request_the_kernel_keeps_the_cpus_at_0_us_wake_up_latency()
    {
        Skip.IfNot(File.Exists(CpuLatencyRequest.Device), $"{CpuLatencyRequest.Device} is not on this host (no PM QoS)");

        using var request = CpuLatencyRequest.Hold(out var outcome);

        request.Should().NotBeNull(outcome);
        outcome.Should().Contain("held at 0 us");
        InForce().Should().Be(0);
    }

    private static int InForce()
    {
        using var device = new FileStream(CpuLatencyRequest.Device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var value = new byte[4];
        device.ReadExactly(value);
        return BitConverter.ToInt32(value);
    }
}
