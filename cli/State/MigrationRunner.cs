using System.Globalization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Model;
using BlueGreen.Core.State;

namespace BlueGreen.Cli.State;

/// <summary>One decision of a run: the event that led to it (none for the start), the commands that step ran, and the decision.</summary>
internal sealed record MigrationEntry(MigrationEvent? Event, IReadOnlyList<string> Commands, MigrationDecision Decision)
{
    public DateTimeOffset At => Decision.State.Now;
}

/// <summary>
/// How long the shell waits on the clusters; the engine decides only about the readiness check's time. <paramref name="Kubectl"/>
/// bounds each kubectl call (a rollout status: that beyond its own timeout).
/// </summary>
internal sealed record MigrationTimeouts(TimeSpan Rollout, TimeSpan BackupSync, TimeSpan Poll, TimeSpan Kubectl)
{
    public const string KubectlOption = "--kubectl-timeout";

    public static readonly MigrationTimeouts Default = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

    public ProcessTimeout KubectlCall => new(Kubectl, KubectlOption);
}

/// <summary>
/// The imperative shell around <see cref="MigrationEngine"/>: runs each step it asks for with kubectl and velero, and
/// feeds the outcome back. A stop (Ctrl-C) during a step becomes an <see cref="MigrationEvent.Interrupted"/> event, and
/// the release that follows runs to its end whatever the token says: blue's writers must come back. What bounds the
/// release instead is each kubectl call's own timeout, so a hung call fails the release of one writer, not the run.
/// </summary>
internal sealed class MigrationRunner(
    MigrationPlan plan,
    ClusterAccess blue,
    ClusterAccess green,
    Tools tools,
    IReadinessCheck? readiness,
    MigrationTimeouts timeouts,
    TimeProvider time)
{
    private readonly KubectlCommands _blue = new(blue, plan.Namespace, timeouts.KubectlCall);
    private readonly KubectlCommands _green = new(green, plan.Namespace, timeouts.KubectlCall);
    private readonly VeleroCommands _blueVelero = new(blue);
    private readonly VeleroCommands _greenVelero = new(green);

    public async Task<MigrationState> RunAsync(MigrationDecision start, Action<MigrationEntry> observe, CancellationToken cancellation)
    {
        observe(new MigrationEntry(null, [], start));
        var decision = start;
        while (decision.Action is MigrationAction.Run run)
        {
            var commands = new List<string>();
            MigrationEvent @event;
            var token = run.Step == MigrationStep.Release ? CancellationToken.None : cancellation;
            try
            {
                if (run.After > TimeSpan.Zero)
                {
                    await Task.Delay(run.After, time, token);
                }

                @event = await ExecuteAsync(run.Step, decision.State, commands, token);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                @event = new MigrationEvent.Interrupted(time.GetUtcNow());
            }

            decision = MigrationEngine.Decide(decision.State, @event);
            observe(new MigrationEntry(@event, commands, decision));
        }

        return decision.State;
    }

    /// <summary>The commands each step runs, for the dry run; the same builders the run uses.</summary>
    public IEnumerable<string> Commands(MigrationStep step, DateTimeOffset frozenAt) => step switch
    {
        MigrationStep.Mark => plan.Writers.Select(w => _blue.Annotate(w, [$"{MigrationAnnotations.Migration}={plan.Id}"]).ToString()),
        MigrationStep.SeedBackup => BackupCommands(plan.SeedBackup),
        MigrationStep.Freeze => plan.Writers.Select(w => _blue.Annotate(w, FreezeMarks(w, frozenAt)).ToString())
            .Concat(plan.Writers.Select(w => _blue.Scale(w, 0).ToString()))
            .Concat(plan.Writers.Select(w => _blue.RolloutStatus(w, timeouts.Rollout).ToString())),
        MigrationStep.FinalBackup => BackupCommands(plan.FinalBackup),
        MigrationStep.AwaitBackupOnTarget => [$"{_greenVelero.DescribeBackup(plan.FinalBackup)}   (every {Format(timeouts.Poll)} until Completed, at most {Format(timeouts.BackupSync)})"],
        MigrationStep.Restore => [_greenVelero.DescribeRestore(plan.Restore).ToString(), _greenVelero.CreateRestore(plan.Restore, plan.FinalBackup, plan.Namespace).ToString(), _greenVelero.DescribeRestore(plan.Restore).ToString()],
        MigrationStep.ScaleOnTarget => ScaleOnGreen().Select(c => c.ToString()),
        MigrationStep.WaitReady => plan.Workloads.Select(w => _green.RolloutStatus(w, timeouts.Rollout).ToString()),
        MigrationStep.CheckReadiness => [$"{readiness?.Description}   (every {Format(plan.Readiness!.Interval)} until it passes, at most {Format(plan.Readiness.Timeout)})"],
        MigrationStep.Switch => plan.Writers.Select(w => _blue.Annotate(w, [$"{MigrationAnnotations.SwitchedTo}={plan.Target.Key()}"]).ToString()),
        _ => ReleaseCommands().Select(c => c.ToString()),
    };

    private IEnumerable<string> BackupCommands(string name) =>
        [_blueVelero.DescribeBackup(name).ToString(), _blueVelero.CreateBackup(name, plan.Namespace, plan.Velero!.Value).ToString(), _blueVelero.DescribeBackup(name).ToString()];

    private async Task<MigrationEvent> ExecuteAsync(MigrationStep step, MigrationState state, List<string> log, CancellationToken cancellation)
    {
        var error = step switch
        {
            MigrationStep.Mark => await AllAsync(plan.Writers.Select(w => _blue.Annotate(w, [$"{MigrationAnnotations.Migration}={plan.Id}"])), log, cancellation),
            MigrationStep.SeedBackup => await EnsureBackupAsync(plan.SeedBackup, log, cancellation),
            MigrationStep.Freeze => await FreezeAsync(state.FreezeStartedAt ?? time.GetUtcNow(), log, cancellation),
            MigrationStep.FinalBackup => await EnsureBackupAsync(plan.FinalBackup, log, cancellation),
            MigrationStep.AwaitBackupOnTarget => await AwaitBackupOnGreenAsync(log, cancellation),
            MigrationStep.Restore => await EnsureRestoreAsync(log, cancellation),
            MigrationStep.ScaleOnTarget => await AllAsync(ScaleOnGreen(), log, cancellation),
            MigrationStep.WaitReady => await AllAsync(plan.Workloads.Select(w => _green.RolloutStatus(w, timeouts.Rollout)), log, cancellation),
            MigrationStep.Switch => await AllAsync(plan.Writers.Select(w => _blue.Annotate(w, [$"{MigrationAnnotations.SwitchedTo}={plan.Target.Key()}"])), log, cancellation),
            MigrationStep.Release => await ReleaseAsync(log),
            _ => null,
        };

        if (step == MigrationStep.CheckReadiness)
        {
            log.Add(readiness!.Description);
            var (passed, detail) = await readiness.CheckAsync(cancellation);
            return new MigrationEvent.ReadinessChecked(time.GetUtcNow(), passed, detail);
        }

        return new MigrationEvent.StepCompleted(time.GetUtcNow(), step, error);
    }

    private static IEnumerable<string> FreezeMarks(LiveWorkload writer, DateTimeOffset frozenAt) =>
    [
        $"{MigrationAnnotations.ReplicasBeforeFreeze}={Recorded(writer).ToString(CultureInfo.InvariantCulture)}",
        $"{MigrationAnnotations.FrozenAt}={frozenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}",
    ];

    // Each count is recorded on its workload before the workload is scaled, so a run killed in between still knows it.
    private async Task<string?> FreezeAsync(DateTimeOffset frozenAt, List<string> log, CancellationToken cancellation) =>
        await AllAsync(plan.Writers.Where(w => !w.FreezeRecorded).Select(w => _blue.Annotate(w, FreezeMarks(w, frozenAt))), log, cancellation)
        ?? await AllAsync(plan.Writers.Select(w => _blue.Scale(w, 0)), log, cancellation)
        ?? await AllAsync(plan.Writers.Select(w => _blue.RolloutStatus(w, timeouts.Rollout)), log, cancellation);

    // Every writer is tried even when one fails: each one returned is one less outage.
    private async Task<string?> ReleaseAsync(List<string> log)
    {
        var errors = new List<string>();
        foreach (var command in ReleaseCommands())
        {
            log.Add(command.ToString());
            if (await tools.RunAsync(command, CancellationToken.None) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    private IEnumerable<ToolCommand> ScaleOnGreen() =>
        plan.Writers.Select(w => _green.Scale(w, Recorded(w)))
            .Concat(plan.Writers.Select(w => _green.Annotate(w, MigrationAnnotations.All.Select(a => $"{a}-"))));

    // A writer whose recorded count cannot be read keeps its replicas and its marks: no count is guessed, and the marks
    // stay the evidence a person (and a later run) finds.
    private IEnumerable<ToolCommand> ReleaseCommands()
    {
        var releasable = plan.Writers.Where(w => w.RestoreTo is not null).ToList();
        return releasable.Select(w => _blue.Scale(w, Recorded(w)))
            .Concat(releasable.Select(w => _blue.Annotate(w, MigrationAnnotations.All.Select(a => $"{a}-"))));
    }

    // The engine never freezes or scales an unrestorable writer (it only releases the others), so a null here is a bug.
    private static int Recorded(LiveWorkload writer) =>
        writer.RestoreTo ?? throw new InvalidOperationException($"{writer.Resource}: a step used a replica count that cannot be read.");

    /// <summary>Creates the backup unless Velero already has it (a resumed run), then requires it Completed.</summary>
    private async Task<string?> EnsureBackupAsync(string name, List<string> log, CancellationToken cancellation)
    {
        var describe = _blueVelero.DescribeBackup(name);
        return await EnsureAsync(describe, _blueVelero.CreateBackup(name, plan.Namespace, plan.Velero!.Value), $"backup {name} on blue", log, cancellation);
    }

    private async Task<string?> EnsureRestoreAsync(List<string> log, CancellationToken cancellation) =>
        await EnsureAsync(_greenVelero.DescribeRestore(plan.Restore), _greenVelero.CreateRestore(plan.Restore, plan.FinalBackup, plan.Namespace),
            $"restore {plan.Restore} on green", log, cancellation);

    private async Task<string?> EnsureAsync(ToolCommand describe, ToolCommand create, string what, List<string> log, CancellationToken cancellation)
    {
        log.Add(describe.ToString());
        var (phase, error) = await tools.PhaseAsync(describe, cancellation);
        if (error is not null)
        {
            return error;
        }

        if (phase is null)
        {
            // `--wait` returns when Velero is done whatever the outcome, so the phase is read afterwards.
            log.Add(create.ToString());
            if (await tools.RunAsync(create, cancellation) is { } failed)
            {
                return failed;
            }
        }

        var deadline = time.GetUtcNow() + timeouts.Rollout;
        while (true)
        {
            log.Add(describe.ToString());
            (phase, error) = await tools.PhaseAsync(describe, cancellation);
            if (error is not null)
            {
                return error;
            }

            switch (phase)
            {
                case VeleroPhase.Completed:
                    return null;
                case VeleroPhase.Failed:
                    return $"{what} did not complete: Velero reports it Failed or PartiallyFailed (`{describe} --details` shows why)";
                case null:
                    return $"{what}: Velero has no such object after creating it";
            }

            if (time.GetUtcNow() >= deadline)
            {
                return $"{what} still in progress after {Format(timeouts.Rollout)}";
            }

            await Task.Delay(timeouts.Poll, time, cancellation);
        }
    }

    private async Task<string?> AwaitBackupOnGreenAsync(List<string> log, CancellationToken cancellation)
    {
        var describe = _greenVelero.DescribeBackup(plan.FinalBackup);
        var deadline = time.GetUtcNow() + timeouts.BackupSync;
        while (true)
        {
            log.Add(describe.ToString());
            var (phase, error) = await tools.PhaseAsync(describe, cancellation);
            if (error is not null || phase == VeleroPhase.Failed)
            {
                return error ?? $"green's Velero lists backup {plan.FinalBackup} as failed";
            }

            if (phase == VeleroPhase.Completed)
            {
                return null;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return $"green's Velero did not list backup {plan.FinalBackup} within {Format(timeouts.BackupSync)}: does its backup storage location read the bucket blue writes to?";
            }

            await Task.Delay(timeouts.Poll, time, cancellation);
        }
    }

    private async Task<string?> AllAsync(IEnumerable<ToolCommand> commands, List<string> log, CancellationToken cancellation)
    {
        foreach (var command in commands)
        {
            log.Add(command.ToString());
            if (await tools.RunAsync(command, cancellation) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string Format(TimeSpan span) => Durations.Format(span);
}
