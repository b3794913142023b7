using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Traffic;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Cutover;

public class CutoverEngineTests
{
    [Fact]
    public void Healthy_cutover_applies_every_step_in_order_and_ends_with_all_traffic_on_the_target()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunHealthy();

        Assert.Equal(
            [Weights.Of(95, 5), Weights.Of(75, 25), Weights.Of(50, 50), Weights.Of(0, 100)],
            run.Moves);
        Assert.Equal(CutoverOutcome.Completed, Assert.IsType<CutoverAction.Done>(run.LastAction).Outcome);
        Assert.Equal(new ObservedWeights(0, 100), run.State.Applied);
    }

    [Fact]
    public void Target_is_smoke_checked_at_weight_0_before_the_first_step()
    {
        var run = EngineRun.Start(EngineRun.Plan());

        run.OneInterval();
        run.OneInterval();

        Assert.IsType<CutoverPhase.SmokeCheck>(run.State.Phase);
        Assert.Empty(run.Moves);

        var first = Assert.IsType<CutoverAction.ApplyWeights>(run.OneInterval());

        Assert.Equal(Weights.Of(95, 5), first.Weights);
        Assert.Contains("green passed its smoke check", first.Reason);
    }

    [Fact]
    public void Target_failing_its_smoke_check_never_receives_weight()
    {
        var run = EngineRun.Start(EngineRun.Plan());

        run.OneInterval(greenHealthy: true);
        run.OneInterval(greenHealthy: false);
        for (var i = 0; i < 20; i++)
        {
            run.OneInterval(greenHealthy: true);
        }

        var abort = Assert.IsType<CutoverAction.Abort>(run.Actions.Single(a => a is not CutoverAction.Wait));
        Assert.Equal(CutoverOutcome.NotStarted, abort.Outcome);
        Assert.Equal(new ObservedWeights(100, 0), abort.LeftInPlace);
        Assert.Contains("green failed its smoke check at weight 0", abort.Reason);
        Assert.Empty(run.Moves);
    }

    [Fact]
    public void A_step_waits_for_its_bake_time_even_when_the_gates_already_pass()
    {
        var run = EngineRun.Start(EngineRun.Plan(bake: TimeSpan.FromSeconds(1))).RunUntilApplied(Weights.Of(95, 5));

        for (var i = 0; i < 9; i++)
        {
            Assert.IsType<CutoverAction.Wait>(run.OneInterval());
        }

        Assert.Equal(Weights.Of(75, 25), Assert.IsType<CutoverAction.ApplyWeights>(run.OneInterval()).Weights);
    }

    [Fact]
    public void A_step_needs_its_minimum_probes_at_the_new_weights_even_after_its_bake_time()
    {
        var gates = new GateSettings { MinSamples = 3 };
        var run = EngineRun.Start(EngineRun.Plan(bake: TimeSpan.Zero, gates: gates)).RunUntilApplied(Weights.Of(95, 5));

        Assert.IsType<CutoverAction.Wait>(run.Probe(Color.Green, healthy: true));
        Assert.IsType<CutoverAction.Wait>(run.Probe(Color.Green, healthy: true));
        Assert.IsType<CutoverAction.ApplyWeights>(run.Probe(Color.Green, healthy: true));
    }

    [Fact]
    public void Target_failing_during_a_bake_rolls_back_on_the_probe_that_shows_it()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplied(Weights.Of(75, 25));

        var action = run.Probe(Color.Green, healthy: false);

        var rollback = Assert.IsType<CutoverAction.RollBack>(action);
        Assert.Equal(Weights.Of(100, 0), rollback.Weights);
        Assert.Contains("green: 1 of the last", rollback.Reason);
    }

    [Fact]
    public void Target_failing_while_its_weights_are_being_applied_rolls_back_without_waiting_for_the_apply()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(75, 25));

        var action = run.Probe(Color.Green, healthy: false);

        Assert.Equal(Weights.Of(100, 0), Assert.IsType<CutoverAction.RollBack>(action).Weights);
        Assert.IsType<CutoverPhase.RollingBack>(run.State.Phase);
    }

    [Fact]
    public void An_apply_overtaken_by_a_rollback_ends_without_ending_the_rollback()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(75, 25));

        run.Probe(Color.Green, healthy: false);

        Assert.IsType<CutoverAction.Wait>(run.ApplyEnds(Weights.Of(75, 25)));
        Assert.Equal(new ObservedWeights(75, 25), run.State.Applied);
        Assert.IsType<CutoverPhase.RollingBack>(run.State.Phase);

        var done = Assert.IsType<CutoverAction.Done>(run.ApplyEnds(Weights.Of(100, 0)));
        Assert.Equal(CutoverOutcome.RolledBack, done.Outcome);
        Assert.Equal(new ObservedWeights(100, 0), run.State.Applied);
    }

    [Fact]
    public void Gates_are_not_judged_on_the_source_color()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplied(Weights.Of(75, 25));

        for (var i = 0; i < 3; i++)
        {
            Assert.IsNotType<CutoverAction.RollBack>(run.OneInterval(blueHealthy: false));
        }
    }

    [Fact]
    public void Rollback_returns_all_traffic_to_the_source_by_default()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplied(Weights.Of(50, 50));

        var rollback = Assert.IsType<CutoverAction.RollBack>(run.OneInterval(greenHealthy: false));

        Assert.Equal(Weights.Of(100, 0), rollback.Weights);
    }

    [Fact]
    public void Rollback_to_the_last_passed_step_returns_to_the_weights_that_last_baked_clean()
    {
        var run = EngineRun.Start(EngineRun.Plan(rollbackTo: RollbackTarget.LastPassedStep)).RunUntilApplied(Weights.Of(50, 50));

        var rollback = Assert.IsType<CutoverAction.RollBack>(run.OneInterval(greenHealthy: false));

        Assert.Equal(Weights.Of(75, 25), rollback.Weights);
    }

    [Fact]
    public void Rollback_to_the_last_passed_step_goes_to_the_source_when_no_step_has_passed_yet()
    {
        var run = EngineRun.Start(EngineRun.Plan(rollbackTo: RollbackTarget.LastPassedStep)).RunUntilApplied(Weights.Of(95, 5));

        var rollback = Assert.IsType<CutoverAction.RollBack>(run.OneInterval(greenHealthy: false));

        Assert.Equal(Weights.Of(100, 0), rollback.Weights);
    }

    [Fact]
    public void A_successful_rollback_ends_the_run_as_rolled_back()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplied(Weights.Of(75, 25));
        run.OneInterval(greenHealthy: false);

        var done = Assert.IsType<CutoverAction.Done>(run.ApplyEnds());

        Assert.Equal(CutoverOutcome.RolledBack, done.Outcome);
        Assert.True(run.State.IsFinished);
    }

    [Fact]
    public void A_failed_apply_is_retried_up_to_the_bound_then_the_run_aborts_keeping_the_last_applied_weights()
    {
        var run = EngineRun.Start(EngineRun.Plan(retries: 2)).RunUntilApplying(Weights.Of(75, 25));

        Assert.Equal(2, Assert.IsType<CutoverAction.ApplyWeights>(run.ApplyEnds(succeeded: false)).Attempt);
        Assert.Equal(3, Assert.IsType<CutoverAction.ApplyWeights>(run.ApplyEnds(succeeded: false)).Attempt);
        var abort = Assert.IsType<CutoverAction.Abort>(run.ApplyEnds(succeeded: false));

        Assert.Equal(CutoverOutcome.Aborted, abort.Outcome);
        Assert.Equal(new ObservedWeights(95, 5), abort.LeftInPlace);
        Assert.Contains("applying blue 75 / green 25 failed 3 times", abort.Reason);
        Assert.Contains("keeps the last applied weights, blue 95 / green 5", abort.Reason);
    }

    [Fact]
    public void A_failed_rollback_is_retried_then_aborts_and_says_how_to_finish_it()
    {
        var run = EngineRun.Start(EngineRun.Plan(retries: 1)).RunUntilApplied(Weights.Of(75, 25));
        run.OneInterval(greenHealthy: false);

        Assert.Equal(2, Assert.IsType<CutoverAction.RollBack>(run.ApplyEnds(succeeded: false)).Attempt);
        var abort = Assert.IsType<CutoverAction.Abort>(run.ApplyEnds(succeeded: false));

        Assert.Equal(new ObservedWeights(75, 25), abort.LeftInPlace);
        Assert.Contains("bluegreen rollback --to blue", abort.Reason);
    }

    [Fact]
    public void A_run_started_part_way_resumes_from_the_stack_weights_instead_of_starting_over()
    {
        var current = Weights.Of(75, 25);
        var run = EngineRun.Start(EngineRun.Plan(current), current).RunHealthy();

        Assert.Equal([Weights.Of(75, 25), Weights.Of(50, 50), Weights.Of(0, 100)], run.Moves);
        Assert.Equal(CutoverOutcome.Completed, Assert.IsType<CutoverAction.Done>(run.LastAction).Outcome);
    }

    [Fact]
    public void A_run_resumed_between_two_steps_goes_on_with_the_next_larger_step()
    {
        var current = Weights.Of(60, 40);
        var run = EngineRun.Start(EngineRun.Plan(current), current).RunHealthy();

        Assert.Equal([Weights.Of(60, 40), Weights.Of(50, 50), Weights.Of(0, 100)], run.Moves);
    }

    [Fact]
    public void A_resumed_run_whose_target_fails_its_check_rolls_back_instead_of_going_on()
    {
        var current = Weights.Of(50, 50);
        var run = EngineRun.Start(EngineRun.Plan(current), current);

        var rollback = Assert.IsType<CutoverAction.RollBack>(run.OneInterval(greenHealthy: false));

        Assert.Equal(Weights.Of(100, 0), rollback.Weights);
        Assert.Contains("on resuming at blue 50 / green 50", rollback.Reason);
    }

    [Fact]
    public void A_run_started_with_all_traffic_already_on_the_target_is_done_at_once()
    {
        var current = Weights.Of(0, 100);
        var run = EngineRun.Start(EngineRun.Plan(current), current);

        Assert.Equal(CutoverOutcome.Completed, Assert.IsType<CutoverAction.Done>(run.LastAction).Outcome);
        Assert.Empty(run.Moves);
    }

    [Fact]
    public void Total_weight_is_never_0_and_weights_only_move_toward_the_target_except_on_rollback()
    {
        // Many runs with failures at seeded random moments, applies failing now and then, and every resume point.
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var green = new[] { 0, 5, 25, 40, 50 }[seed % 5];
            var current = Weights.Of(100 - green, green);
            var policy = seed % 2 == 0 ? RollbackTarget.AllOnSource : RollbackTarget.LastPassedStep;
            var run = EngineRun.Start(EngineRun.Plan(current, rollbackTo: policy), current);
            var failFrom = random.Next(0, 60);
            for (var i = 0; i < 200 && !run.State.IsFinished; i++)
            {
                if (run.State.Phase is CutoverPhase.Applying or CutoverPhase.RollingBack)
                {
                    run.ApplyEnds(succeeded: random.NextDouble() > 0.2);
                }
                else
                {
                    run.OneInterval(greenHealthy: i < failFrom || random.NextDouble() > 0.5);
                }
            }

            Assert.All(run.Moves, w => Assert.True(w.Total > 0, $"seed {seed}: {w}"));
            var forward = run.Actions.OfType<CutoverAction.ApplyWeights>().Select(a => a.Weights.Green).Prepend(current.Green).ToList();
            Assert.True(forward.SequenceEqual(forward.Order()), $"seed {seed}: green went {string.Join(" → ", forward)}");
        }
    }

    [Fact]
    public void A_requested_rollback_moves_all_traffic_to_the_chosen_color_at_once()
    {
        var run = EngineRun.Rollback(Color.Blue, new ObservedWeights(50, 50));

        Assert.Equal(Weights.Of(100, 0), Assert.IsType<CutoverAction.RollBack>(run.LastAction).Weights);
        Assert.Equal(CutoverOutcome.RolledBack, Assert.IsType<CutoverAction.Done>(run.ApplyEnds()).Outcome);
    }

    [Fact]
    public void A_requested_rollback_keeps_the_stack_total_weight()
    {
        var run = EngineRun.Rollback(Color.Blue, new ObservedWeights(10, 245));

        Assert.Equal(Weights.Of(255, 0), Assert.IsType<CutoverAction.RollBack>(run.LastAction).Weights);
    }

    [Fact]
    public void A_requested_rollback_to_the_color_that_already_has_all_traffic_changes_nothing()
    {
        var run = EngineRun.Rollback(Color.Blue, new ObservedWeights(100, 0));

        Assert.Equal(CutoverOutcome.RolledBack, Assert.IsType<CutoverAction.Done>(run.LastAction).Outcome);
        Assert.Empty(run.Moves);
    }

    [Fact]
    public void Probes_older_than_the_window_no_longer_count()
    {
        var run = EngineRun.Start(EngineRun.Plan());

        run.Probe(Color.Blue, healthy: false);
        for (var i = 0; i < 10; i++)
        {
            run.Probe(Color.Blue, healthy: true);
        }

        Assert.Equal((10, 0), (run.State.SourceGate.Samples, run.State.SourceGate.Failures));
    }

    [Fact]
    public void Events_after_the_run_finished_change_nothing()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunHealthy();
        var finished = run.State;

        Assert.IsType<CutoverAction.Wait>(run.OneInterval(greenHealthy: false));
        Assert.Equal(finished.Phase, run.State.Phase);
    }
}
