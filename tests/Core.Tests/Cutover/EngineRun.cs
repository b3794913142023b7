using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Traffic;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Cutover;

/// <summary>
/// Drives the engine the way the shell does, one event at a time, on a clock the test moves by hand,
/// and keeps every action so a test can state what the run did.
/// </summary>
internal sealed class EngineRun
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private EngineRun(CutoverDecision start)
    {
        State = start.State;
        Actions.Add(start.Action);
    }

    public CutoverState State { get; private set; }

    public List<CutoverAction> Actions { get; } = [];

    /// <summary>The latest action other than waiting.</summary>
    public CutoverAction LastAction => Actions.LastOrDefault(a => a is not CutoverAction.Wait) ?? CutoverAction.Wait.Instance;

    public IEnumerable<TrafficWeights> Moves => Actions.Select(a => a switch
    {
        CutoverAction.ApplyWeights apply => apply.Weights,
        CutoverAction.RollBack back => back.Weights,
        _ => null,
    }).OfType<TrafficWeights>();

    public static CutoverPlan Plan(
        TrafficWeights? current = null,
        string steps = "5,25,50,100",
        TimeSpan? bake = null,
        int retries = 2,
        RollbackTarget rollbackTo = RollbackTarget.AllOnSource,
        GateSettings? gates = null) =>
        CutoverPlan.Create(
            new CutoverOptions
            {
                Target = Color.Green,
                Schedule = CutoverSchedule.Parse(steps).Require(),
                Bake = bake ?? TimeSpan.FromMilliseconds(500),
                ProbeInterval = Interval,
                Gates = gates ?? new GateSettings { MinSamples = 3, WindowSize = 10, MinSuccessRatio = 0.95 },
                MaxApplyRetries = retries,
                RollbackTo = rollbackTo,
            },
            current ?? Weights.Of(100, 0)).Require();

    public static EngineRun Start(CutoverPlan plan, TrafficWeights? current = null)
    {
        var run = new EngineRun(CutoverEngine.Start(plan, current ?? Weights.Of(100, 0), new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));
        return run;
    }

    public static EngineRun Rollback(Color to, ObservedWeights current, int retries = 2) => Rollback(to, current, current, retries);

    public static EngineRun Rollback(Color to, ObservedWeights config, ObservedWeights? deployed, int retries = 2) =>
        Rollback(to, new StackView(config, deployed, null), retries);

    public static EngineRun Rollback(Color to, StackView found, int retries = 2) =>
        new(CutoverEngine.StartRollback(to, found, retries, TimeSpan.FromSeconds(30), new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));

    /// <summary>One probe interval passes: both colors are probed, then the clock ticks. Returns what the interval led to.</summary>
    public CutoverAction OneInterval(bool greenHealthy = true, bool blueHealthy = true)
    {
        _now += Interval;
        CutoverAction[] actions =
        [
            Send(new CutoverEvent.ProbeCompleted(Sample(Color.Blue, blueHealthy))),
            Send(new CutoverEvent.ProbeCompleted(Sample(Color.Green, greenHealthy))),
            Send(new CutoverEvent.Tick(_now)),
        ];
        return actions.FirstOrDefault(a => a is not CutoverAction.Wait) ?? CutoverAction.Wait.Instance;
    }

    public CutoverAction Probe(Color color, bool healthy, TimeSpan? latency = null)
    {
        _now += TimeSpan.FromMilliseconds(1);
        return Send(new CutoverEvent.ProbeCompleted(Sample(color, healthy, latency)));
    }

    /// <summary>The apply the engine asked for last ends, well or badly.</summary>
    public CutoverAction ApplyEnds(bool succeeded = true) => ApplyEnds(PendingWeights(), succeeded);

    public CutoverAction ApplyEnds(TrafficWeights weights, bool succeeded = true) =>
        Send(new CutoverEvent.ApplyCompleted(_now, weights, succeeded ? null : "pulumi up exited with 255"));

    /// <summary>Healthy intervals, completing every apply at once, until the run finishes or the budget runs out.</summary>
    public EngineRun RunHealthy(int maxIntervals = 1000)
    {
        for (var i = 0; i < maxIntervals && !State.IsFinished; i++)
        {
            Advance();
        }

        return this;
    }

    /// <summary>Healthy intervals until the traffic stack holds <paramref name="weights"/> (applied, not only asked for).</summary>
    public EngineRun RunUntilApplied(TrafficWeights weights)
    {
        for (var i = 0; i < 1000 && !State.Applied.Holds(weights); i++)
        {
            Advance();
        }

        Assert.Equal(ObservedWeights.Of(weights), State.Applied);
        return this;
    }

    /// <summary>Healthy intervals until the engine asks for <paramref name="weights"/>, leaving that apply running.</summary>
    public EngineRun RunUntilApplying(TrafficWeights weights)
    {
        for (var i = 0; i < 1000 && !(State.Phase is CutoverPhase.Applying applying && applying.Weights == weights); i++)
        {
            Advance();
        }

        Assert.True(State.Phase is CutoverPhase.Applying reached && reached.Weights == weights, $"still {State.Phase}");
        return this;
    }

    private void Advance()
    {
        if (State.Phase is CutoverPhase.Applying or CutoverPhase.RollingBack)
        {
            ApplyEnds();
        }
        else
        {
            OneInterval();
        }
    }

    private TrafficWeights PendingWeights() => State.Phase switch
    {
        CutoverPhase.Applying applying => applying.Weights,
        CutoverPhase.RollingBack rolling => rolling.Weights,
        _ => throw new InvalidOperationException($"No apply pending in {State.Phase}."),
    };

    private ProbeSample Sample(Color color, bool healthy, TimeSpan? latency = null) =>
        healthy
            ? ProbeSample.Answered(color, _now, 200, latency ?? TimeSpan.FromMilliseconds(20))
            : ProbeSample.Answered(color, _now, 503, latency ?? TimeSpan.FromMilliseconds(20));

    private CutoverAction Send(CutoverEvent @event)
    {
        var decision = CutoverEngine.Decide(State, @event);
        State = decision.State;
        Actions.Add(decision.Action);
        return decision.Action;
    }
}
