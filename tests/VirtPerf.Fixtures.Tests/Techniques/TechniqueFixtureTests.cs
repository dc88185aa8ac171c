using System.Net;
using VirtPerf.Fixtures.Techniques;
using VirtPerf.Fixtures.Testbeds;
using Xunit.Abstractions;

namespace VirtPerf.Fixtures.Tests.Techniques;

/// <summary>The contract every technique offers the rows: <see cref="TechniqueFixture.Lost"/> and its reason.</summary>
public sealed class TechniqueFixtureTests
{
    [Fact]
    public void A_technique_that_serves_is_not_lost()
    {
        var technique = new Serving();

        technique.Lost.IsCancellationRequested.Should().BeFalse();
        technique.Lost.CanBeCanceled.Should().BeTrue("a row links it into its measurement");
        technique.LostReason.Should().BeNull();
    }

    [Fact]
    public void A_signalled_loss_cancels_Lost_and_keeps_the_first_reason()
    {
        var technique = new Serving();
        string? reasonSeenByTheRow = null;
        using var registration = technique.Lost.Register(() => reasonSeenByTheRow = technique.LostReason);

        technique.Lose("QEMU exited with status 0");
        technique.Lose("a later symptom");

        technique.Lost.IsCancellationRequested.Should().BeTrue();
        technique.LostReason.Should().Be("QEMU exited with status 0");
        reasonSeenByTheRow.Should().Be("QEMU exited with status 0", "the reason is set before the rows hear of the loss");
    }

    [Fact]
    public void A_loss_without_a_reason_is_refused()
    {
        var lose = () => new Serving().Lose(" ");

        lose.Should().Throw<ArgumentException>();
    }

    private sealed class Serving() : TechniqueFixture(new TestbedFixture(new NoMessages()))
    {
        public override string Technique => "Fake";

        public void Lose(string reason) => SignalLost(reason);

        protected override Task<SutEndpoint> StartAsync(Testbed testbed, CancellationToken cancellationToken) =>
            Task.FromResult(new SutEndpoint(IPAddress.Loopback, 12865, 11211));

        protected override Task StopAsync() => Task.CompletedTask;
    }

    private sealed class NoMessages : LongLivedMarshalByRefObject, IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message) => true;
    }
}
