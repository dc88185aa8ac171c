using System.Globalization;
using VirtPerf.Fixtures.Techniques.Docker;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Benchmarks;

/// <summary>
/// How long the container techniques take to come up: the payload image build (build context cold, then cached on
/// disk), and fixture start to netserver ready with the run's image already built (target under 2 s).
/// </summary>
internal static class DockerStart
{
    public static async Task<int> RunAsync(int starts)
    {
        var coldCache = Directory.CreateTempSubdirectory("vnp-bench-cache-").FullName;
        Environment.SetEnvironmentVariable("VIRTPERF_CACHE_DIR", coldCache);
        try
        {
            Console.WriteLine($"Docker technique start-up, {starts} starts each, {Environment.ProcessorCount} CPUs");
            Console.WriteLine();
            Console.WriteLine("what                                   |  seconds");
            Console.WriteLine("---------------------------------------+---------");
            foreach (var contextCached in new[] { false, true })
            {
                await using var run = await RunAsync();
                var ready = new List<(string Technique, double Seconds)>();
                for (var i = 0; i < starts; i++)
                {
                    ready.Add(await StartStopAsync(new DockerBridgeFixture(run.Fixture)));
                    ready.Add(await StartStopAsync(new DockerNatFixture(run.Fixture)));
                }

                var build = (await PayloadImage.ForRunAsync(run.Fixture.RunId, DockerEngine.Local)).BuildTime.TotalSeconds;
                Row($"image build, build context {(contextCached ? "cached" : "cold")}", build);
                if (contextCached)
                {
                    foreach (var technique in ready.GroupBy(r => r.Technique))
                    {
                        var seconds = technique.Select(r => r.Seconds).Order().ToList();
                        Row($"{technique.Key} start to ready, median", seconds[seconds.Count / 2]);
                        Row($"{technique.Key} start to ready, max", seconds[^1]);
                    }
                }
            }

            Console.WriteLine("---------------------------------------+---------");
            Console.WriteLine("target: start to ready under 2 s with a cached image (the image build is excluded from it)");
            return 0;
        }
        finally
        {
            Directory.Delete(coldCache, recursive: true);
        }
    }

    private static async Task<(string, double)> StartStopAsync(DockerFixture technique)
    {
        await technique.InitializeAsync();
        try
        {
            if (technique.StartToReady is not { } ready)
            {
                throw new InvalidOperationException(
                    $"{technique.Technique} did not start: {technique.Unavailable ?? technique.StartupError?.ToString()}");
            }

            return (technique.Technique, ready.TotalSeconds);
        }
        finally
        {
            await technique.DisposeAsync();
        }
    }

    private static async Task<TestbedRun> RunAsync()
    {
        var fixture = new TestbedFixture(new Silent());
        await fixture.InitializeAsync();
        return new TestbedRun(fixture);
    }

    private static void Row(string what, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-38} | {seconds,7:0.00}"));

    private sealed record TestbedRun(TestbedFixture Fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
