using BlueGreen.Core.Model;

namespace BlueGreen.Core.State;

/// <summary>One step of a migration, each run by the shell against blue, green or Velero; every one may be run again safely.</summary>
public enum MigrationStep
{
    /// <summary>Annotate blue's writers with the run's id: what a resumed run finds.</summary>
    Mark,

    /// <summary>The long copy, while blue still serves: outside the freeze.</summary>
    SeedBackup,

    /// <summary>Record each writer's replicas and the freeze's start on it, then scale it to zero.</summary>
    Freeze,

    /// <summary>The copy of what changed since the seed, with no writer running.</summary>
    FinalBackup,

    /// <summary>Green's Velero reads the bucket through its own (read-only) location: wait until it lists the final backup.</summary>
    AwaitBackupOnTarget,

    Restore,

    /// <summary>
    /// The final backup copied blue's writers frozen at zero and carrying this run's marks: on green they are scaled to the
    /// recorded replicas and the marks removed.
    /// </summary>
    ScaleOnTarget,

    /// <summary>Every selected workload on green rolled out and ready.</summary>
    WaitReady,

    /// <summary>The user's readiness check (URL or command), tried until it passes or its time runs out.</summary>
    CheckReadiness,

    /// <summary>Mark blue's writers as switched: the data now lives on green; blue stays frozen for good.</summary>
    Switch,

    /// <summary>Undo before the switch: blue's writers back to their recorded replicas, the run's marks removed.</summary>
    Release,
}

public enum MigrationOutcome
{
    /// <summary>Green holds the data and serves it (or there was nothing to move).</summary>
    Completed,

    /// <summary>A step failed or the run was stopped before the switch; blue's writers are back and blue still holds the data.</summary>
    RolledBack,

    /// <summary>Returning blue's writers failed too: they may still be at zero. The summary says what to run.</summary>
    Aborted,
}

/// <summary>What the cluster already shows of a run with this plan's id, read before the run starts.</summary>
public sealed record MigrationFacts(VeleroPhase? SeedBackup, VeleroPhase? FinalBackup, VeleroPhase? Restore)
{
    public static readonly MigrationFacts Nothing = new(null, null, null);
}

public abstract record MigrationEvent(DateTimeOffset At)
{
    /// <summary>A step ended; <paramref name="Error"/> is null when it succeeded.</summary>
    public sealed record StepCompleted(DateTimeOffset At, MigrationStep Step, string? Error) : MigrationEvent(At);

    public sealed record ReadinessChecked(DateTimeOffset At, bool Passed, string Detail) : MigrationEvent(At);

    /// <summary>The user stopped the run (Ctrl-C, SIGTERM) or the run was cancelled.</summary>
    public sealed record Interrupted(DateTimeOffset At) : MigrationEvent(At);
}

public abstract record MigrationAction
{
    /// <summary>Run <paramref name="Step"/> once <paramref name="After"/> has passed.</summary>
    public sealed record Run(MigrationStep Step, string Reason, TimeSpan After) : MigrationAction;

    public sealed record Done(MigrationOutcome Outcome, string Summary) : MigrationAction;
}

public abstract record MigrationPhase
{
    public sealed record Running(MigrationStep Step) : MigrationPhase;

    public sealed record Finished(MigrationOutcome Outcome, string Reason) : MigrationPhase;
}

public sealed record MigrationState
{
    public required MigrationPlan Plan { get; init; }

    public required MigrationPhase Phase { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>When blue's writers stopped: set when the freeze is asked for, or read off blue on a resumed run.</summary>
    public DateTimeOffset? FreezeStartedAt { get; init; }

    /// <summary>When writes could resume: at the switch (on green) or at a release (on blue).</summary>
    public DateTimeOffset? FreezeEndedAt { get; init; }

    public DateTimeOffset? ReadinessSince { get; init; }

    /// <summary>Why the run is releasing; null unless a step failed or the run was stopped.</summary>
    public string? Failure { get; init; }

    public bool IsFinished => Phase is MigrationPhase.Finished;

    public TimeSpan? Freeze => FreezeStartedAt is { } start && FreezeEndedAt is { } end ? end - start : null;
}

public sealed record MigrationDecision(MigrationState State, MigrationAction Action);

/// <summary>
/// The state switchover as a pure state machine: (state, event) → (state, action), like the cutover's <c>CutoverEngine</c>. The
/// shell runs kubectl, velero and the readiness check; every decision about what runs next, what is skipped on a resumed
/// run, and when blue's writers come back, is made here.
/// </summary>
public static class MigrationEngine
{
    /// <summary>
    /// Begins a run, or resumes one from what the clusters show: steps whose result exists (a completed backup, writers
    /// already frozen, a completed restore) are not run again. There is no local state file.
    /// </summary>
    public static MigrationDecision Start(MigrationPlan plan, MigrationFacts facts, DateTimeOffset at)
    {
        var writers = plan.Writers;
        var frozenSince = writers.Select(w => w.FrozenAt).OfType<DateTimeOffset>().DefaultIfEmpty().Min();
        var state = new MigrationState
        {
            Plan = plan,
            Phase = new MigrationPhase.Running(MigrationStep.Mark),
            Now = at,
            FreezeStartedAt = frozenSince == default ? null : frozenSince,
        };

        if (writers.IsEmpty)
        {
            return Finish(state, MigrationOutcome.Completed,
                $"nothing to move: no selected workload in {plan.Namespace} freezes ({string.Join(", ", plan.Workloads.Select(w => $"{w.Resource}: {w.Strategy!.Value.Key()}"))})");
        }

        if (plan.Switched)
        {
            return Finish(state, MigrationOutcome.Completed, $"already switched: {plan.Target.Key()} holds the data of {plan.Namespace} (run {plan.Id})");
        }

        // Going forward would freeze or scale a writer to a guessed count; before the switch, returning blue's writers wins.
        if (!plan.Unrestorable.IsEmpty)
        {
            return Release(state, $"the {MigrationAnnotations.ReplicasBeforeFreeze} annotation of {Unreadable(plan)} holds no replica count, so this run cannot freeze or return {(plan.Unrestorable.Length == 1 ? "it" : "them")} ({ProblemCodes.StateUnreadableReplicas})");
        }

        var anyFrozen = writers.Any(w => w.ReplicasBeforeFreeze is not null);
        var done = new HashSet<MigrationStep>();
        if (writers.All(w => w.MigrationId == plan.Id))
        {
            done.Add(MigrationStep.Mark);
        }

        if (facts.SeedBackup == VeleroPhase.Completed || anyFrozen)
        {
            done.Add(MigrationStep.SeedBackup);
        }

        if (writers.All(w => w.ReplicasBeforeFreeze is not null))
        {
            done.Add(MigrationStep.Freeze);
        }

        if (facts.FinalBackup == VeleroPhase.Completed)
        {
            done.Add(MigrationStep.FinalBackup);
        }

        if (facts.Restore is not null)
        {
            done.Add(MigrationStep.AwaitBackupOnTarget);
        }

        if (facts.Restore == VeleroPhase.Completed)
        {
            done.Add(MigrationStep.Restore);
        }

        var steps = plan.Steps;
        var first = steps.First(s => !done.Contains(s));
        var skipped = steps.TakeWhile(s => s != first).ToList();
        var reason = skipped.Count == 0
            ? $"migrating {plan.Namespace} to {plan.Target.Key()} (run {plan.Id})"
            : $"resuming run {plan.Id}: {string.Join(", ", skipped)} already done on the clusters";
        return RunStep(state, first, reason);
    }

    public static MigrationDecision Decide(MigrationState state, MigrationEvent @event)
    {
        if (state.Phase is not MigrationPhase.Running running)
        {
            return new(state, new MigrationAction.Done(((MigrationPhase.Finished)state.Phase).Outcome, ((MigrationPhase.Finished)state.Phase).Reason));
        }

        var now = state with { Now = @event.At };
        var step = running.Step;
        switch (@event)
        {
            case MigrationEvent.Interrupted when step == MigrationStep.Release:
                // A second signal while blue's writers are being returned: finishing that is the whole point.
                return new(now, new MigrationAction.Run(MigrationStep.Release, "still returning blue's writers", TimeSpan.Zero));

            case MigrationEvent.Interrupted:
                return Release(now, $"the run was stopped during {step}");

            case MigrationEvent.ReadinessChecked { Passed: true } check:
                return RunStep(now, MigrationStep.Switch, $"the readiness check passed ({check.Detail})");

            case MigrationEvent.ReadinessChecked check:
                var gate = now.Plan.Readiness!;
                var waited = now.Now - (now.ReadinessSince ?? now.Now);
                if (waited >= gate.Timeout)
                {
                    return Release(now, $"the readiness check ({gate.Description}) did not pass within {Durations.Format(gate.Timeout)}: {check.Detail}");
                }

                return new(now, new MigrationAction.Run(MigrationStep.CheckReadiness, $"not ready yet ({check.Detail}); trying again", gate.Interval));

            case MigrationEvent.StepCompleted completed when completed.Step != step:
                throw new InvalidOperationException($"The shell reported {completed.Step} while the engine was running {step}.");

            case MigrationEvent.StepCompleted { Error: { } error } when step == MigrationStep.Release:
                var writers = string.Join(", ", now.Plan.Writers.Select(now.Plan.ScaleByHand));
                return Finish(now, MigrationOutcome.Aborted,
                    $"{now.Failure}; then returning blue's writers failed too ({error}). They may still be at zero: run {writers}, or run this migration again to resume it");

            case MigrationEvent.StepCompleted when step == MigrationStep.Release && !now.Plan.Unrestorable.IsEmpty:
                var byHand = string.Join("; ", now.Plan.Unrestorable.Select(now.Plan.ReturnByHand));
                return Finish(now, MigrationOutcome.Aborted,
                    $"{now.Failure}; blue's other writers are back at their recorded replicas, but {string.Join(", ", now.Plan.Unrestorable.Select(w => w.Resource))} {(now.Plan.Unrestorable.Length == 1 ? "was" : "were")} left as found. Return {(now.Plan.Unrestorable.Length == 1 ? "it" : "them")} by hand: {byHand}");

            case MigrationEvent.StepCompleted { Error: { } error }:
                return Release(now, $"{step} failed: {error}");

            case MigrationEvent.StepCompleted when step == MigrationStep.Release:
                return Finish(now with { FreezeEndedAt = now.FreezeStartedAt is null ? null : now.Now }, MigrationOutcome.RolledBack,
                    $"{now.Failure}; blue's writers are back at their recorded replicas and blue still holds the data");

            case MigrationEvent.StepCompleted when step == MigrationStep.Switch:
                var ended = now with { FreezeEndedAt = now.Now };
                return Finish(ended, MigrationOutcome.Completed,
                    $"{now.Plan.Target.Key()} holds the data of {now.Plan.Namespace}" + (ended.Freeze is { } freeze ? $"; writes were frozen for {Durations.Format(freeze)}" : "") +
                    $". Move the traffic next: bluegreen cutover --to {now.Plan.Target.Key()}");

            default:
                var steps = now.Plan.Steps;
                var next = steps[steps.IndexOf(step) + 1];
                return RunStep(now, next, $"{step} done");
        }
    }

    private static MigrationDecision RunStep(MigrationState state, MigrationStep step, string reason)
    {
        var entered = state with
        {
            Phase = new MigrationPhase.Running(step),
            FreezeStartedAt = step == MigrationStep.Freeze ? state.FreezeStartedAt ?? state.Now : state.FreezeStartedAt,
            ReadinessSince = step == MigrationStep.CheckReadiness ? state.Now : state.ReadinessSince,
        };
        return new(entered, new MigrationAction.Run(step, reason, TimeSpan.Zero));
    }

    private static string Unreadable(MigrationPlan plan) =>
        string.Join(", ", plan.Unrestorable.Select(w => $"{w.Resource} (\"{w.UnreadableReplicasBeforeFreeze}\"; {w.Replicas} replicas now)"));

    // Before the switch, blue still holds the only good copy: any failure or stop returns its writers.
    private static MigrationDecision Release(MigrationState state, string reason) =>
        new(state with { Phase = new MigrationPhase.Running(MigrationStep.Release), Failure = reason },
            new MigrationAction.Run(MigrationStep.Release, reason, TimeSpan.Zero));

    private static MigrationDecision Finish(MigrationState state, MigrationOutcome outcome, string reason) =>
        new(state with { Phase = new MigrationPhase.Finished(outcome, reason) }, new MigrationAction.Done(outcome, reason));
}
