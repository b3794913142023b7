using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;
using static BlueGreen.Core.Cutover.CutoverAction;
using static BlueGreen.Core.Cutover.CutoverPhase;

namespace BlueGreen.Core.Cutover;

/// <summary>
/// The cutover as a pure state machine: (state, event) → (state, action). The shell owns probes, clocks and the
/// traffic stack; every decision about them is made here, so each safety rule is tested without a network or a clock.
/// </summary>
public static class CutoverEngine
{
    /// <summary>
    /// Begins (or resumes) a cutover from the weights the traffic stack holds. There is no local state file: a stack part-way
    /// to the target means an earlier run was interrupted, and this run carries on from its weights.
    /// </summary>
    public static CutoverDecision Start(CutoverPlan plan, TrafficWeights current, DateTimeOffset at)
    {
        var state = Initial(plan, current, at);

        if (current.For(plan.Target) == plan.Total)
        {
            var summary = $"all traffic is already on {plan.Target.Key()} ({current}): nothing to move";
            return new(state.Enter(new Finished(CutoverOutcome.Completed, summary)), new Done(CutoverOutcome.Completed, summary));
        }

        return new(state, Wait.Instance);
    }

    /// <summary>An immediate return of all traffic to <paramref name="color"/>, with no gates: what <c>bluegreen rollback</c> does.</summary>
    public static CutoverDecision StartRollback(Color color, TrafficWeights current, int maxApplyRetries, DateTimeOffset at)
    {
        var plan = CutoverPlan.ReturnTo(color, current, maxApplyRetries);
        var state = Initial(plan, current, at);
        return BeginRollback(state, $"rollback to {color.Key()} requested");
    }

    private static CutoverState Initial(CutoverPlan plan, TrafficWeights current, DateTimeOffset at) => new()
    {
        Plan = plan,
        Phase = new SmokeCheck(),
        Now = at,
        PhaseSince = at,
        Applied = current,
        LastPassed = plan.AllOnSource,
    };

    public static CutoverDecision Decide(CutoverState state, CutoverEvent @event)
    {
        if (state.IsFinished)
        {
            return new(state, Wait.Instance);
        }

        var now = state with { Now = @event.At };
        return @event switch
        {
            CutoverEvent.ProbeCompleted probe => Evaluate(now.Record(probe.Sample)),
            CutoverEvent.ApplyCompleted applied => OnApplyCompleted(now, applied),
            _ => Evaluate(now),
        };
    }

    // Gates are judged on every event, so a failure is acted on by the very event that reveals it:
    // no waiting for the bake to end or for the next tick.
    private static CutoverDecision Evaluate(CutoverState state)
    {
        var gate = state.TargetGate;
        var plan = state.Plan;
        var target = plan.Target.Key();
        switch (state.Phase)
        {
            case SmokeCheck when gate.Verdict == GateVerdict.Fail:
                if (state.Applied.For(plan.Target) == 0)
                {
                    var reason = $"{target} failed its smoke check at weight 0, so no traffic was moved: {gate.Reason}";
                    return new(state.Enter(new Finished(CutoverOutcome.NotStarted, reason)), new Abort(CutoverOutcome.NotStarted, reason, state.Applied));
                }

                return BeginRollback(state, $"{target} failed its check on resuming at {state.Applied}: {gate.Reason}");

            case SmokeCheck when gate.Verdict == GateVerdict.Pass:
                if (state.Applied.For(plan.Target) == 0)
                {
                    return Apply(state, plan.WeightsAt(0), 1, 1, $"{target} passed its smoke check ({gate.Figures}); step 1 of {plan.Steps.Length}");
                }

                // A run interrupted between writing the config and finishing `pulumi up` leaves Route53 behind the config;
                // applying the weights the stack holds first makes them true before baking on them.
                return Apply(state, state.Applied, plan.NextStepFrom(state.Applied), 1,
                    $"resuming at {state.Applied}: {target} passed its check ({gate.Figures}); re-applying the stack's weights before going on");

            case Applying or Baking when gate.Verdict == GateVerdict.Fail:
                return BeginRollback(state, gate.Reason);

            case Baking baking when gate.Verdict == GateVerdict.Pass && state.Now - state.PhaseSince >= plan.Bake:
                var passed = state with { LastPassed = baking.Weights };
                if (baking.NextStep >= plan.Steps.Length)
                {
                    var summary = $"all traffic is on {target} ({baking.Weights}); every step passed its gates";
                    return new(passed.Enter(new Finished(CutoverOutcome.Completed, summary)), new Done(CutoverOutcome.Completed, summary));
                }

                return Apply(passed, plan.WeightsAt(baking.NextStep), baking.NextStep + 1, 1,
                    $"{baking.Weights} baked for {Durations.Format(plan.Bake)} ({gate.Figures}); step {baking.NextStep + 1} of {plan.Steps.Length}");

            default:
                return new(state, Wait.Instance);
        }
    }

    private static CutoverDecision OnApplyCompleted(CutoverState state, CutoverEvent.ApplyCompleted applied)
    {
        var plan = state.Plan;
        var known = applied.Succeeded ? state with { Applied = applied.Weights } : state;
        switch (known.Phase)
        {
            case Applying applying when applying.Weights == applied.Weights && applied.Succeeded:
                return Evaluate(known.Enter(new Baking(applying.Weights, applying.NextStep)));

            case Applying applying when applying.Weights == applied.Weights && applying.Attempt < plan.MaxApplyAttempts:
                return Apply(known, applying.Weights, applying.NextStep, applying.Attempt + 1,
                    $"attempt {applying.Attempt} of {plan.MaxApplyAttempts} to apply {applying.Weights} failed: {applied.Error}");

            case Applying applying when applying.Weights == applied.Weights:
                var reason = $"applying {applying.Weights} failed {applying.Attempt} times (last: {applied.Error}); " +
                    $"the traffic stack keeps the last applied weights, {known.Applied}. Re-run the cutover to continue from there, or roll back.";
                return new(known.Enter(new Finished(CutoverOutcome.Aborted, reason)), new Abort(CutoverOutcome.Aborted, reason, known.Applied));

            case RollingBack rolling when rolling.Weights == applied.Weights && applied.Succeeded:
                var summary = $"rolled back to {rolling.Weights}: {rolling.Reason}";
                return new(known.Enter(new Finished(CutoverOutcome.RolledBack, summary)), new Done(CutoverOutcome.RolledBack, summary));

            case RollingBack rolling when rolling.Weights == applied.Weights && rolling.Attempt < plan.MaxApplyAttempts:
                var retry = rolling with { Attempt = rolling.Attempt + 1 };
                return new(known with { Phase = retry }, new RollBack(retry.Weights, retry.Attempt,
                    $"attempt {rolling.Attempt} of {plan.MaxApplyAttempts} to roll back failed: {applied.Error}"));

            case RollingBack rolling when rolling.Weights == applied.Weights:
                var failed = $"rolling back to {rolling.Weights} failed {rolling.Attempt} times (last: {applied.Error}) after: {rolling.Reason}. " +
                    $"The traffic stack keeps {known.Applied}; return traffic with `bluegreen rollback --to {plan.Source.Key()}`.";
                return new(known.Enter(new Finished(CutoverOutcome.Aborted, failed)), new Abort(CutoverOutcome.Aborted, failed, known.Applied));

            default:
                // The end of an apply that a rollback overtook: only the weights it left matter, and they are recorded above.
                return new(known, Wait.Instance);
        }
    }

    private static CutoverDecision Apply(CutoverState state, TrafficWeights weights, int nextStep, int attempt, string reason) =>
        new(state.Enter(new Applying(weights, nextStep, attempt)), new ApplyWeights(weights, attempt, reason));

    private static CutoverDecision BeginRollback(CutoverState state, string reason)
    {
        var plan = state.Plan;
        var weights = plan.RollbackTo == RollbackTarget.LastPassedStep ? state.LastPassed : plan.AllOnSource;

        // With no apply running, a stack already at the rollback weights needs no update; with one running, it might
        // still move the weights away, so the rollback is applied after it regardless.
        if (state.Phase is not Applying && state.Applied == weights)
        {
            var summary = $"already at {weights}: {reason}";
            return new(state.Enter(new Finished(CutoverOutcome.RolledBack, summary)), new Done(CutoverOutcome.RolledBack, summary));
        }

        return new(state.Enter(new RollingBack(weights, 1, reason)), new RollBack(weights, 1, reason));
    }
}
