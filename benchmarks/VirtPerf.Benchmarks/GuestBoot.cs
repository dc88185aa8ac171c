using System.Diagnostics;
using System.Globalization;
using VirtPerf.Fixtures.Techniques.Qemu;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Benchmarks;

/// <summary>
/// How long the hypervisor techniques take to come up: the guest initramfs build (uncached, then cached) and QEMU
/// start to netserver answering in the guest (target under TCG: 10 s).
/// </summary>
internal static class GuestBoot
{
    public static async Task<int> RunAsync(int boots)
    {
        Console.WriteLine($"Guest start-up, {boots} boots each, {Environment.ProcessorCount} CPUs");
        Console.WriteLine();
        Console.WriteLine("what                                             |  seconds");
        Console.WriteLine("-------------------------------------------------+---------");
        foreach (var stale in Directory.GetFiles(Path.GetDirectoryName(GuestImage.KernelDirectory)!, "initramfs-*.cpio.gz"))
        {
            File.Delete(stale); // uncached: the next build writes it again
        }

        foreach (var cached in new[] { false, true })
        {
            var clock = Stopwatch.StartNew();
            await GuestImage.LinuxAsync();
            Row($"initramfs build, {(cached ? "cached" : "uncached")}", clock.Elapsed.TotalSeconds);
        }

        var run = new TestbedFixture(new Silent());
        await run.InitializeAsync();
        try
        {
            var ready = new Dictionary<string, List<double>>();
            string accelerator = "";
            for (var i = 0; i < boots; i++)
            {
                foreach (QemuFixture technique in new QemuFixture[] { new LinuxVirtioFixture(run), new LinuxVirtioOffloadFixture(run) })
                {
                    await technique.InitializeAsync();
                    try
                    {
                        var seconds = technique.BootToReady?.TotalSeconds
                            ?? throw new InvalidOperationException($"{technique.Technique} did not start: {technique.Unavailable ?? technique.StartupError?.ToString()}");
                        (ready.TryGetValue(technique.Technique, out var list) ? list : ready[technique.Technique] = []).Add(seconds);
                        accelerator = technique.Context["accelerator"];
                    }
                    finally
                    {
                        await technique.DisposeAsync();
                    }
                }
            }

            foreach (var (technique, seconds) in ready)
            {
                var sorted = seconds.Order().ToList();
                Row($"{technique} boot to ready ({accelerator}), median", sorted[sorted.Count / 2]);
                Row($"{technique} boot to ready ({accelerator}), max", sorted[^1]);
            }
        }
        finally
        {
            await run.DisposeAsync();
        }

        Console.WriteLine("-------------------------------------------------+---------");
        Console.WriteLine("target under TCG: boot to ready within 10 s");
        return 0;
    }

    private static void Row(string what, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-48} | {seconds,7:0.00}"));
}
