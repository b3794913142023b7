using BlueGreen.Core.Model;
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
    /// Begins (or resumes) a cutover from the weights the traffic stack deploys. There is no local state file: a stack part-way
    /// to the target means an earlier run was interrupted, and this run carries on from its weights.
    /// </summary>
    public static CutoverDecision Start(CutoverPlan plan, TrafficWeights deployed, DateTimeOffset at)
    {
        var state = Initial(plan, ObservedWeights.Of(deployed), at);

        if (deployed.For(plan.Target) == plan.Total)
        {
            var summary = $"all traffic is already on {plan.Target.Key()} ({deployed}): nothing to move";
            return new(state.Enter(new Finished(CutoverOutcome.Completed, summary)), new Done(CutoverOutcome.Completed, summary));
        }

        return new(state, Wait.Instance);
    }

    /// <summary>
    /// An immediate return of all traffic to <paramref name="color"/>, with no gates: what <c>bluegreen rollback</c> does.
    /// Deployed weights are what Route53 serves, so they decide; the config must hold the same, or the next update would
    /// undo the rollback. Weights Route53 cannot serve (0/0) are what a rollback exists to repair, never a reason to refuse;
    /// weights it could not read are never a reason to skip the update.
    /// </summary>
    public static CutoverDecision StartRollback(Color color, StackView found, int maxApplyRetries, TimeSpan applyTimeout, DateTimeOffset at)
    {
        var (config, serving) = (found.Config, found.Serving);
        var total = new[] { serving, config }.Select(w => w.Total).FirstOrDefault(t => t is > 0 and <= TrafficWeights.MaxWeight, 100);
        var target = TrafficWeights.AllOn(color, total);
        var plan = CutoverPlan.ReturnTo(target, color, maxApplyRetries, applyTimeout);
        var state = Initial(plan, serving, at);
        if (found.IsComplete && serving.IsAllOn(color) && config.IsAllOn(color))
        {
            var summary = $"all traffic is already on {color.Key()} (deployed {serving}, config {config}): nothing to return";
            return new(state.Enter(new Finished(CutoverOutcome.RolledBack, summary)), new Done(CutoverOutcome.RolledBack, summary));
        }

        var holds = found switch
        {
            { ConfigUnread: true } => $"deployed {serving}, config unread",
            { DeployedUnread: true } => $"config {config}, deployed weights unread",
            _ when found.Deployed is null || config == found.Deployed => $"{serving}",
            _ => $"deployed {serving}, config {config}",
        };
        var reason = $"rollback to {color.Key()} requested; the stack holds {holds}" + (serving.Verdict.IsValid ? "" : ", which Route53 cannot serve as meant: repairing it");
        return new(state.Enter(new RollingBack(target, 1, reason)), new RollBack(target, 1, reason));
    }

    private static CutoverState Initial(CutoverPlan plan, ObservedWeights deployed, DateTimeOffset at) => new()
    {
        Plan = plan,
        Phase = new SmokeCheck(),
        Now = at,
        PhaseSince = at,
        Applied = deployed,
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
            CutoverEvent.StackChanged changed => Stop(now, CutoverOutcome.Overridden,
                $"stopped without applying: {changed.Found}. Whatever changed the traffic stack wins; check it, then re-run the cutover or roll back."),
            CutoverEvent.Interrupted interrupted => Stop(interrupted.Deployed is { } deployed ? now with { Applied = deployed } : now, CutoverOutcome.Interrupted,
                $"interrupted by {interrupted.Signal}: no further update was started; the traffic stack deploys {(interrupted.Deployed?.ToString() ?? $"(unread) {now.Applied}")}. " +
                $"Re-run the cutover to continue from there, or roll back."),
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
                // applying the deployed weights first makes config and Route53 agree before baking on them.
                return Apply(state, state.Applied.Verdict.Require(), plan.NextStepFrom(state.Applied.Verdict.Require()), 1,
                    $"resuming at {state.Applied}: {target} passed its check ({gate.Figures}); re-applying the deployed weights before going on");

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
        var known = applied.Succeeded ? state with { Applied = ObservedWeights.Of(applied.Weights) } : state;
        switch (known.Phase)
        {
            case Applying applying when applying.Weights == applied.Weights && applied.Succeeded:
                return Evaluate(known.Enter(new Baking(applying.Weights, applying.NextStep)));

            case Applying applying when applying.Weights == applied.Weights && applied.Failure == ApplyFailure.StackLocked:
                return Stop(known, CutoverOutcome.Overridden,
                    $"another update is running on the traffic stack (Pulumi says it is locked: {applied.Error}); a concurrent change wins, so this run " +
                    $"stopped without applying {applying.Weights}. The stack deployed {known.Applied} when last read by this run.");

            case Applying applying when applying.Weights == applied.Weights && applied.Failure == ApplyFailure.TimedOut:
                return BeginRollback(known, $"applying {applying.Weights} did not finish within {Durations.Format(plan.ApplyTimeout)} and was cancelled ({applied.Error})");

            case Applying applying when applying.Weights == applied.Weights && applying.Attempt < plan.MaxApplyAttempts:
                return Apply(known, applying.Weights, applying.NextStep, applying.Attempt + 1,
                    $"attempt {applying.Attempt} of {plan.MaxApplyAttempts} to apply {applying.Weights} failed: {applied.Error}");

            case Applying applying when applying.Weights == applied.Weights:
                var reason = $"applying {applying.Weights} failed {applying.Attempt} times (last: {applied.Error}); " +
                    $"the traffic stack keeps the last applied weights, {known.Applied}. Re-run the cutover to continue from there, or roll back.";
                return new(known.Enter(new Finished(CutoverOutcome.Aborted, reason)), new Abort(CutoverOutcome.Aborted, reason, known.Applied));

            case RollingBack rolling when rolling.Weights == applied.Weights && applied.Succeeded:
                return FinishRollback(known, rolling);

            // Another update holding Pulumi's lock will end; a rollback waits for it for as long as one update may take,
            // however many attempts that needs, instead of giving up after its retries.
            case RollingBack rolling when rolling.Weights == applied.Weights
                && ((applied.Failure == ApplyFailure.StackLocked && known.Now - known.PhaseSince < plan.ApplyTimeout) || rolling.Attempt < plan.MaxApplyAttempts):
                var retry = rolling with { Attempt = rolling.Attempt + 1 };
                var why = applied.Failure == ApplyFailure.StackLocked
                    ? $"another update holds the traffic stack's lock ({applied.Error}); waiting for it, since a rollback must land"
                    : $"attempt {rolling.Attempt} of {plan.MaxApplyAttempts} to roll back failed: {applied.Error}";
                return new(known with { Phase = retry }, new RollBack(retry.Weights, retry.Attempt, why, plan.BackoffBefore(retry.Attempt)));

            case RollingBack rolling when rolling.Weights == applied.Weights:
                var failed = $"rolling back to {rolling.Weights} failed {rolling.Attempt} times (last: {applied.Error}) after: {rolling.Reason}. " +
                    $"The traffic stack keeps {known.Applied}; return traffic with `bluegreen rollback --to {plan.Source.Key()}`.";
                return new(known.Enter(new Finished(CutoverOutcome.Aborted, failed)), new Abort(CutoverOutcome.Aborted, failed, known.Applied));

            default:
                // The end of an apply that a rollback overtook: only the weights it left matter, and they are recorded above.
                return new(known, Wait.Instance);
        }
    }

    // When the source fails its gates too, traffic still goes back to it: it is where the run started, the state people
    // know how to operate. But that is not a recovery, and the outcome says so.
    private static CutoverDecision FinishRollback(CutoverState state, RollingBack rolling)
    {
        var source = state.SourceGate;
        if (!state.Plan.IsRollbackOnly && source.Verdict == GateVerdict.Fail)
        {
            var alarm = $"rolled back to {rolling.Weights}, BUT {state.Plan.Source.Key()} FAILS ITS GATES TOO ({source.Reason}): both colors are unhealthy. " +
                $"Rolled back because: {rolling.Reason}";
            return new(state.Enter(new Finished(CutoverOutcome.RolledBackToFailingSource, alarm)), new Done(CutoverOutcome.RolledBackToFailingSource, alarm));
        }

        var summary = $"rolled back to {rolling.Weights}: {rolling.Reason}";
        return new(state.Enter(new Finished(CutoverOutcome.RolledBack, summary)), new Done(CutoverOutcome.RolledBack, summary));
    }

    private static CutoverDecision Stop(CutoverState state, CutoverOutcome outcome, string reason) =>
        new(state.Enter(new Finished(outcome, reason)), new Abort(outcome, reason, state.Applied));

    private static CutoverDecision Apply(CutoverState state, TrafficWeights weights, int nextStep, int attempt, string reason) =>
        new(state.Enter(new Applying(weights, nextStep, attempt)), new ApplyWeights(weights, attempt, reason, state.Plan.BackoffBefore(attempt)));

    private static CutoverDecision BeginRollback(CutoverState state, string reason)
    {
        var plan = state.Plan;
        var weights = plan.RollbackTo == RollbackTarget.LastPassedStep ? state.LastPassed : plan.AllOnSource;

        // With no apply running, a stack already at the rollback weights needs no update; with one running, it might
        // still move the weights away, so the rollback is applied after it regardless.
        if (state.Phase is not Applying && state.Applied.Holds(weights))
        {
            return FinishRollback(state, new RollingBack(weights, 1, $"already at {weights}: {reason}"));
        }

        return new(state.Enter(new RollingBack(weights, 1, reason)), new RollBack(weights, 1, reason));
    }
}
