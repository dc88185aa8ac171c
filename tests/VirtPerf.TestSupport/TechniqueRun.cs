using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Testbeds;
using Xunit.Abstractions;

namespace VirtPerf.TestSupport;

/// <summary>A run's testbed fixture and one technique fixture on it, started and disposed as xUnit would.</summary>
public sealed class TechniqueRun<TTechnique> : IAsyncDisposable
    where TTechnique : TechniqueFixture
{
    private TechniqueRun(TestbedFixture run, TTechnique technique)
    {
        Run = run;
        Technique = technique;
    }

    /// <summary>The run (testbed).</summary>
    public TestbedFixture Run { get; }

    /// <summary>The technique.</summary>
    public TTechnique Technique { get; }

    /// <summary>Starts the testbed, then the technique made by <paramref name="create"/>.</summary>
    public static async Task<TechniqueRun<TTechnique>> StartAsync(Func<TestbedFixture, TTechnique> create)
    {
        var run = new TestbedFixture(new NoMessages());
        await run.InitializeAsync();
        var technique = create(run);
        await technique.InitializeAsync();
        return new TechniqueRun<TTechnique>(run, technique);
    }

    /// <summary>Stops the technique, then the testbed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Technique.DisposeAsync();
        await Run.DisposeAsync();
    }

    private sealed class NoMessages : IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message) => true;
    }
}
