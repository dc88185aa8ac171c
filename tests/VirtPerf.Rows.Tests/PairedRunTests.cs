using VirtPerf.Assertions.Budgets;
using VirtPerf.Assertions.Gate;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows.Tests;

public sealed class PairedRunTests
{
    // A rule naming the technique: its description's own budget would otherwise come before the file's default.
    private static readonly OverheadBudgets Budgets = new(OverheadBudgets.FormatName, 1, 50, [Metric.TransactionRate], 5, [new BudgetRule(50, "DockerNat")]);

    [Fact(Timeout = 10_000)]
    public async Task Sides_alternate_bare_metal_first_then_the_technique_first_and_iteration_i_pairs_with_i()
    {
        var sides = new ScriptedSides(technique: 30000, bare: 40000);
        var lines = new List<string>();

        var run = new PairedRun(sides, Scenario.TCP_RR, lines.Add);
        await run.MeasureAsync(4);

        sides.Order.Should().Equal(
            Side.BareMetal, Side.Technique, Side.Technique, Side.BareMetal, Side.BareMetal, Side.Technique, Side.Technique, Side.BareMetal);
        run.Technique.Select(i => i.Index).Should().Equal(0, 1, 2, 3);
        run.BareMetal.Select(i => i.Index).Should().Equal(0, 1, 2, 3);
        run.Technique.Select(i => i.Metrics[Metric.TransactionRate]).Should().Equal(30001, 30002, 30003, 30004);
        lines.Should().HaveCount(4).And.Contain(l => l.Contains("pair 2 (technique first)", StringComparison.Ordinal));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_row_measures_more_pairs_while_undecided_and_stops_at_the_profiles_most()
    {
        var sides = new ScriptedSides(technique: 30000, bare: 40000, wobble: 0.2);
        var profile = new Profile("test", Iterations: 4, IterationSeconds: 1, WarmUpSeconds: 0, MaxIterations: 10);
        var tight = Budgets with { Rules = [new BudgetRule(25, "DockerNat")] }; // the true overhead: undecidable

        var (run, verdicts) = await PairedRun.JudgeAsync(sides, Scenario.TCP_RR, profile, r => [Judge(r, tight)]);

        run.Pairs.Should().Be(10, "4, then 4 more, then the 2 the profile still allows");
        verdicts.Single().ThinEvidence.Should().BeTrue();
        verdicts.Single().Metrics.Single().Iterations.Should().Be(10);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_decided_row_stops_at_its_first_pairs()
    {
        var sides = new ScriptedSides(technique: 30000, bare: 40000);
        var profile = new Profile("test", Iterations: 6, IterationSeconds: 1, WarmUpSeconds: 0, MaxIterations: 60);

        var (run, verdicts) = await PairedRun.JudgeAsync(sides, Scenario.TCP_RR, profile, r => [Judge(r, Budgets)]);

        run.Pairs.Should().Be(6);
        verdicts.Single().Outcome.Should().Be(Outcome.WithinBudget);
    }

    private static Verdict Judge(PairedRun run, OverheadBudgets budgets) =>
        OverheadGate.AgainstBudget(Measured("DockerNat", run.Technique), Measured(Techniques.BareMetal, run.BareMetal), budgets);

    private static Measurement Measured(string technique, IReadOnlyList<Iteration> iterations) => new()
    {
        Technique = technique,
        Scenario = Scenario.TCP_RR,
        RunId = "000000",
        Testbed = new TestbedFingerprint("test", "cpu", 2, "kernel", new Dictionary<string, string>()),
        Profile = Profile.Quick,
        Started = DateTimeOffset.UnixEpoch,
        Finished = DateTimeOffset.UnixEpoch,
        Iterations = iterations,
    };

    /// <summary>Sides whose k-th iteration of the technique is <c>technique + k</c> (bare metal alike), times
    /// 1 +- <c>wobble</c> on alternate calls; they remember the order they were asked in.</summary>
    private sealed class ScriptedSides(double technique, double bare, double wobble = 0) : IRowSides
    {
        private readonly Dictionary<Side, int> _count = new() { [Side.Technique] = 0, [Side.BareMetal] = 0 };

        public List<Side> Order { get; } = [];

        public Task<IReadOnlyList<Iteration>> MeasureAsync(Side side, int count, CancellationToken cancellationToken)
        {
            var list = new List<Iteration>();
            for (var i = 0; i < count; i++)
            {
                Order.Add(side);
                var k = ++_count[side];
                var level = (side == Side.Technique ? technique : bare) + k;
                var value = level * (1 + (Order.Count % 2 == 0 ? wobble : -wobble));
                list.Add(new Iteration(99, DateTimeOffset.UnixEpoch, 1, new Dictionary<Metric, double> { [Metric.TransactionRate] = value }));
            }

            return Task.FromResult<IReadOnlyList<Iteration>>(list);
        }
    }
}
