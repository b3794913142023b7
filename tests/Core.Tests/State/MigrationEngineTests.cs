using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.State;
using static BlueGreen.Core.State.MigrationStep;

namespace BlueGreen.Core.Tests.State;

public sealed class MigrationEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static LiveWorkload Workload(string name, StateStrategy? strategy, int replicas = 3, params (string Key, string Value)[] annotations) =>
        new("StatefulSet", name, strategy, Stateful: true, replicas, annotations.ToImmutableDictionary(a => a.Key, a => a.Value));

    private static MigrationPlan Plan(ReadinessGate? readiness = null, params LiveWorkload[] blue) => MigrationPlan.Create(
        new MigrationRequest { Target = Color.Green, Namespace = "orders", NewId = "bluegreen-orders-20261201040000", Readiness = readiness },
        blue).Require();

    private static MigrationDecision Complete(MigrationDecision decision, int seconds, string? error = null) =>
        MigrationEngine.Decide(decision.State, new MigrationEvent.StepCompleted(T0.AddSeconds(seconds), Step(decision), error));

    private static MigrationStep Step(MigrationDecision decision) => Assert.IsType<MigrationAction.Run>(decision.Action).Step;

    [Fact]
    public void A_snapshot_migration_backs_up_before_the_freeze_and_measures_the_freeze_to_the_switch()
    {
        var decision = MigrationEngine.Start(Plan(null, Workload("orders-db", StateStrategy.Snapshot)), MigrationFacts.Nothing, T0);
        var steps = new List<MigrationStep>();
        var second = 0;
        while (decision.Action is MigrationAction.Run)
        {
            steps.Add(Step(decision));
            decision = Complete(decision, second += 10);
        }

        Assert.Equal([Mark, SeedBackup, Freeze, FinalBackup, AwaitBackupOnTarget, Restore, ScaleOnTarget, WaitReady, Switch], steps);
        Assert.Equal(MigrationOutcome.Completed, Assert.IsType<MigrationAction.Done>(decision.Action).Outcome);
        Assert.Equal(TimeSpan.FromSeconds(70), decision.State.Freeze);
    }

    [Fact]
    public void A_failed_restore_returns_blue_writers_and_ends_rolled_back()
    {
        var decision = MigrationEngine.Start(Plan(null, Workload("orders-db", StateStrategy.Backup)), MigrationFacts.Nothing, T0);
        while (Step(decision) != Restore)
        {
            decision = Complete(decision, 10);
        }

        decision = Complete(decision, 20, "restore bluegreen-orders-20261201040000-restore ended PartiallyFailed");
        Assert.Equal(Release, Step(decision));

        decision = Complete(decision, 30);
        Assert.Equal(MigrationOutcome.RolledBack, Assert.IsType<MigrationAction.Done>(decision.Action).Outcome);
        Assert.NotNull(decision.State.FreezeEndedAt);
    }

    [Fact]
    public void A_release_that_fails_aborts_with_the_commands_that_bring_the_writers_back()
    {
        var decision = MigrationEngine.Start(Plan(null, Workload("orders-db", StateStrategy.Snapshot, replicas: 3)), MigrationFacts.Nothing, T0);
        decision = Complete(decision, 1, "kubectl: connection refused");
        decision = Complete(decision, 2, "kubectl: connection refused");

        var done = Assert.IsType<MigrationAction.Done>(decision.Action);
        Assert.Equal(MigrationOutcome.Aborted, done.Outcome);
        Assert.Contains("scale statefulset/orders-db --replicas=3", done.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_stopped_before_the_switch_returns_blue_writers()
    {
        var decision = MigrationEngine.Start(Plan(null, Workload("orders-db", StateStrategy.Snapshot)), MigrationFacts.Nothing, T0);
        decision = Complete(Complete(decision, 1), 2);

        decision = MigrationEngine.Decide(decision.State, new MigrationEvent.Interrupted(T0.AddSeconds(3)));

        Assert.Equal(Release, Step(decision));
    }

    [Fact]
    public void A_resumed_run_skips_what_the_clusters_show_done_and_measures_the_freeze_from_blue_annotation()
    {
        var frozen = Workload("orders-db", StateStrategy.Snapshot, replicas: 0,
            (MigrationAnnotations.Migration, "bluegreen-orders-20261130230000"),
            (MigrationAnnotations.ReplicasBeforeFreeze, "3"),
            (MigrationAnnotations.FrozenAt, "2026-12-01T03:59:00Z"));
        var plan = Plan(null, frozen);

        var decision = MigrationEngine.Start(plan, new MigrationFacts(VeleroPhase.Completed, null, null), T0);

        Assert.Equal("bluegreen-orders-20261130230000", plan.Id);
        Assert.Equal(FinalBackup, Step(decision));
        Assert.Equal(T0.AddMinutes(-1), decision.State.FreezeStartedAt);
        Assert.Equal(3, plan.Writers.Single().RestoreTo);
    }

    [Fact]
    public void A_readiness_check_that_never_passes_releases_once_its_time_is_up()
    {
        var gate = new ReadinessGate("GET http://orders.internal/ready", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
        var decision = MigrationEngine.Start(Plan(gate, Workload("orders-db", StateStrategy.Replicate)), MigrationFacts.Nothing, T0);
        while (Step(decision) != CheckReadiness)
        {
            decision = Complete(decision, 1);
        }

        var retry = MigrationEngine.Decide(decision.State, new MigrationEvent.ReadinessChecked(T0.AddSeconds(10), false, "503"));
        Assert.Equal((CheckReadiness, TimeSpan.FromSeconds(5)), (Step(retry), ((MigrationAction.Run)retry.Action).After));

        var expired = MigrationEngine.Decide(retry.State, new MigrationEvent.ReadinessChecked(T0.AddSeconds(40), false, "503"));
        Assert.Equal(Release, Step(expired));
    }

    [Fact]
    public void A_replicating_workload_switches_its_primary_only_once_the_readiness_check_passes()
    {
        var gate = new ReadinessGate("./is-primary.sh", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        var plan = Plan(gate, Workload("orders-db", StateStrategy.Replicate));

        Assert.Equal([Mark, Freeze, WaitReady, CheckReadiness, Switch], plan.Steps.ToArray());
        Assert.Null(plan.Velero);
    }

    [Fact]
    public void Workloads_that_only_use_external_or_disposable_data_finish_at_once_with_nothing_to_move()
    {
        var decision = MigrationEngine.Start(Plan(null, Workload("web", StateStrategy.External), Workload("cache", StateStrategy.None)), MigrationFacts.Nothing, T0);

        Assert.Equal(MigrationOutcome.Completed, Assert.IsType<MigrationAction.Done>(decision.Action).Outcome);
    }

    [Fact]
    public void A_plan_refuses_stateful_workloads_without_a_strategy_naming_them()
    {
        var plan = MigrationPlan.Create(
            new MigrationRequest { Target = Color.Green, Namespace = "orders", NewId = "x" },
            [Workload("orders-db", null), Workload("ledger", StateStrategy.Snapshot)]);

        var problem = Assert.Single(plan.Errors);
        Assert.Equal(ProblemCodes.StateNoStrategy, problem.Code);
        Assert.Contains("statefulset/orders-db", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_refuses_a_replicating_workload_without_a_readiness_check()
    {
        var plan = MigrationPlan.Create(
            new MigrationRequest { Target = Color.Green, Namespace = "orders", NewId = "x" },
            [Workload("orders-db", StateStrategy.Replicate)]);

        Assert.Equal(ProblemCodes.StateReadinessRequired, Assert.Single(plan.Errors).Code);
    }

    [Fact]
    public void A_plan_refuses_snapshot_and_backup_workloads_in_one_run()
    {
        var plan = MigrationPlan.Create(
            new MigrationRequest { Target = Color.Green, Namespace = "orders", NewId = "x" },
            [Workload("orders-db", StateStrategy.Snapshot), Workload("uploads", StateStrategy.Backup)]);

        Assert.Equal(ProblemCodes.StateMixedVeleroModes, Assert.Single(plan.Errors).Code);
    }

    [Fact]
    public void A_workload_already_switched_to_green_is_not_migrated_again()
    {
        var switched = Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.SwitchedTo, "green"), (MigrationAnnotations.ReplicasBeforeFreeze, "3"));

        var decision = MigrationEngine.Start(Plan(null, switched), MigrationFacts.Nothing, T0);

        Assert.Equal(MigrationOutcome.Completed, Assert.IsType<MigrationAction.Done>(decision.Action).Outcome);
    }

    [Theory]
    [InlineData("three")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("3.5")]
    [InlineData(" 3")]
    [InlineData("99999999999")]
    public void A_garbled_recorded_count_is_a_problem_naming_the_workload_the_annotation_and_the_value(string garbled)
    {
        var plan = Plan(null, Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, garbled)));

        var problem = Assert.Single(plan.Problems);
        Assert.Equal((ProblemCodes.StateUnreadableReplicas, garbled), (problem.Code, problem.Value));
        Assert.Contains("StatefulSet/orders/orders-db", problem.Key, StringComparison.Ordinal);
        Assert.Contains(MigrationAnnotations.ReplicasBeforeFreeze, problem.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recorded_count_of_zero_is_read_as_zero_not_as_garbled()
    {
        var plan = Plan(null, Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, "0")));

        Assert.Empty(plan.Problems);
        Assert.Equal(0, plan.Writers.Single().RestoreTo);
    }

    [Fact]
    public void A_run_that_finds_a_garbled_recorded_count_goes_straight_to_the_release()
    {
        var plan = Plan(null,
            Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, "three")),
            Workload("ledger", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, "2")));

        var decision = MigrationEngine.Start(plan, MigrationFacts.Nothing, T0);

        Assert.Equal(Release, Step(decision));
        Assert.Equal([Release], plan.Steps.ToArray());
    }

    [Fact]
    public void The_release_leaves_a_writer_with_a_garbled_count_unscaled_and_ends_aborted_with_the_commands_to_return_it()
    {
        var plan = Plan(null,
            Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, "three")),
            Workload("ledger", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, "2")));
        var garbled = plan.Writers.Single(w => w.Name == "orders-db");

        var decision = Complete(MigrationEngine.Start(plan, MigrationFacts.Nothing, T0), 1);

        var done = Assert.IsType<MigrationAction.Done>(decision.Action);
        Assert.Equal(MigrationOutcome.Aborted, done.Outcome);
        Assert.Null(garbled.RestoreTo);
        Assert.Equal([garbled], plan.Unrestorable.ToArray());
        Assert.Equal(2, plan.Writers.Single(w => w.Name == "ledger").RestoreTo);
        Assert.Contains(plan.ScaleByHand(garbled), done.Summary, StringComparison.Ordinal);
        Assert.Contains(plan.RemoveMarksByHand(garbled), done.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_that_fails_never_tells_to_scale_a_writer_with_a_garbled_count_to_zero()
    {
        var plan = Plan(null, Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.ReplicasBeforeFreeze, "three")));

        var decision = Complete(MigrationEngine.Start(plan, MigrationFacts.Nothing, T0), 1, "kubectl: connection refused");

        var done = Assert.IsType<MigrationAction.Done>(decision.Action);
        Assert.Equal(MigrationOutcome.Aborted, done.Outcome);
        Assert.DoesNotContain("--replicas=0", done.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garbled_count_on_a_writer_already_switched_is_no_problem_since_nothing_is_returned()
    {
        var switched = Workload("orders-db", StateStrategy.Snapshot, 0, (MigrationAnnotations.SwitchedTo, "green"), (MigrationAnnotations.ReplicasBeforeFreeze, "three"));

        var plan = Plan(null, switched);

        Assert.Empty(plan.Problems);
        Assert.Equal(MigrationOutcome.Completed, Assert.IsType<MigrationAction.Done>(MigrationEngine.Start(plan, MigrationFacts.Nothing, T0).Action).Outcome);
    }
}
