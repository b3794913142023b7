using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Tests.Traffic;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Cutover;

/// <summary>The engine's decisions when the world misbehaves: the stack changed under it, hung or refused updates, signals.</summary>
public class FaultDecisionTests
{
    [Fact]
    public void Rollback_repairs_weights_that_are_both_0()
    {
        var run = EngineRun.Rollback(Color.Blue, new ObservedWeights(0, 0));

        Assert.Equal(Weights.Of(100, 0), Assert.IsType<CutoverAction.RollBack>(run.LastAction).Weights);
    }

    [Fact]
    public void Rollback_applies_when_the_deployed_weights_are_not_on_the_target_whatever_the_config_says()
    {
        var run = EngineRun.Rollback(Color.Blue, config: new ObservedWeights(100, 0), deployed: new ObservedWeights(50, 50));

        Assert.Equal(Weights.Of(100, 0), Assert.IsType<CutoverAction.RollBack>(run.LastAction).Weights);
    }

    [Fact]
    public void Rollback_applies_when_the_config_would_move_traffic_away_again()
    {
        var run = EngineRun.Rollback(Color.Blue, config: new ObservedWeights(50, 50), deployed: new ObservedWeights(100, 0));

        Assert.IsType<CutoverAction.RollBack>(run.LastAction);
    }

    [Fact]
    public void Rollback_does_nothing_when_config_and_deployed_weights_are_all_on_the_target()
    {
        var run = EngineRun.Rollback(Color.Blue, config: new ObservedWeights(100, 0), deployed: new ObservedWeights(100, 0));

        Assert.Equal(CutoverOutcome.RolledBack, Assert.IsType<CutoverAction.Done>(run.LastAction).Outcome);
    }

    [Fact]
    public void A_stack_changed_by_someone_else_stops_the_cutover_without_another_apply()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(75, 25));

        var decision = CutoverEngine.Decide(run.State, new CutoverEvent.StackChanged(run.State.Now, "the config now holds blue 100 / green 0"));

        Assert.Equal(CutoverOutcome.Overridden, Assert.IsType<CutoverAction.Abort>(decision.Action).Outcome);
    }

    [Fact]
    public void An_update_that_times_out_is_followed_by_a_rollback_not_a_retry()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(75, 25));

        var decision = CutoverEngine.Decide(run.State, new CutoverEvent.ApplyCompleted(run.State.Now, Weights.Of(75, 25), "cancelled after 5m", ApplyFailure.TimedOut));

        Assert.Equal(Weights.Of(100, 0), Assert.IsType<CutoverAction.RollBack>(decision.Action).Weights);
    }

    [Fact]
    public void A_stack_locked_by_another_update_stops_a_cutover_as_a_concurrent_change()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(95, 5));

        var decision = CutoverEngine.Decide(run.State, new CutoverEvent.ApplyCompleted(run.State.Now, Weights.Of(95, 5), "error: the stack is currently locked by 1 lock(s)", ApplyFailure.StackLocked));

        var abort = Assert.IsType<CutoverAction.Abort>(decision.Action);
        Assert.Equal(CutoverOutcome.Overridden, abort.Outcome);
        Assert.Contains("another update is running", abort.Reason);
    }

    [Fact]
    public void A_rollback_waits_out_a_locked_stack_with_a_growing_backoff()
    {
        var run = EngineRun.Rollback(Color.Blue, new ObservedWeights(50, 50), retries: 3);
        var locked = new CutoverEvent.ApplyCompleted(run.State.Now, Weights.Of(100, 0), "error: the stack is currently locked by 1 lock(s)", ApplyFailure.StackLocked);

        var first = CutoverEngine.Decide(run.State, locked);
        var second = CutoverEngine.Decide(first.State, locked);

        var retry = Assert.IsType<CutoverAction.RollBack>(first.Action);
        Assert.True(Assert.IsType<CutoverAction.RollBack>(second.Action).Backoff > retry.Backoff);
        Assert.True(retry.Backoff > TimeSpan.Zero);
    }

    [Fact]
    public void Failed_updates_are_retried_after_a_backoff()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(95, 5));

        var retry = Assert.IsType<CutoverAction.ApplyWeights>(run.ApplyEnds(succeeded: false));

        Assert.Equal(2, retry.Attempt);
        Assert.True(retry.Backoff > TimeSpan.Zero);
    }

    [Fact]
    public void When_both_colors_fail_traffic_still_returns_to_the_source_with_a_distinct_outcome()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplied(Weights.Of(75, 25));
        for (var i = 0; i < 3 && run.State.Phase is not CutoverPhase.RollingBack; i++)
        {
            run.OneInterval(greenHealthy: false, blueHealthy: false);
        }

        var done = Assert.IsType<CutoverAction.Done>(run.ApplyEnds(Weights.Of(100, 0)));

        Assert.Equal(CutoverOutcome.RolledBackToFailingSource, done.Outcome);
        Assert.Equal(new ObservedWeights(100, 0), run.State.Applied);
    }

    [Fact]
    public void A_signal_ends_the_run_with_the_deployed_weights_it_found()
    {
        var run = EngineRun.Start(EngineRun.Plan()).RunUntilApplying(Weights.Of(75, 25));

        var decision = CutoverEngine.Decide(run.State, new CutoverEvent.Interrupted(run.State.Now, "SIGTERM", new ObservedWeights(95, 5)));

        Assert.Equal(CutoverOutcome.Interrupted, Assert.IsType<CutoverAction.Abort>(decision.Action).Outcome);
        Assert.Equal(new ObservedWeights(95, 5), decision.State.Applied);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(7200000)]
    public void Probe_intervals_the_probe_timers_cannot_run_are_refused(double milliseconds)
    {
        var options = new CutoverOptions { Target = Color.Green, Schedule = CutoverSchedule.Parse("5,100").Require(), ProbeInterval = TimeSpan.FromMilliseconds(milliseconds) };

        Assert.Contains(CutoverPlan.Create(options, Weights.Of(100, 0)).Errors, p => p.Key == "probeInterval");
    }

    [Fact]
    public void A_lease_of_another_live_run_refuses_naming_its_holder_and_since()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var held = new StackLease("run-a", "cutover", "ci-runner-1", 4242, now.AddMinutes(-3), now.AddMinutes(10)).Format();

        var refusal = StackLease.Refusal(TrafficVerb.Cutover, held, "run-b", now);

        Assert.Equal((ProblemCodes.LeaseHeld, true), (refusal?.Code, refusal?.IsError));
        Assert.Contains("ci-runner-1", refusal!.Message);
        Assert.Contains("2026-01-01T11:57:00Z", refusal.Message);
    }

    [Fact]
    public void A_rollback_breaks_a_live_lease_of_another_run_with_a_warning()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var held = new StackLease("run-a", "cutover", "ci-runner-1", 4242, now.AddMinutes(-3), now.AddMinutes(10)).Format();

        var refusal = StackLease.Refusal(TrafficVerb.Rollback, held, "run-b", now);

        Assert.Equal((ProblemCodes.LeaseHeld, false), (refusal?.Code, refusal?.IsError));
    }

    [Fact]
    public void A_lease_tag_this_tool_did_not_write_holds_the_stack()
    {
        var refusal = StackLease.Refusal(TrafficVerb.Retire, "locked by alice", "run-b", DateTimeOffset.UnixEpoch);

        Assert.Equal((ProblemCodes.LeaseHeld, true), (refusal?.Code, refusal?.IsError));
    }

    [Fact]
    public void An_expired_lease_of_a_crashed_run_does_not_hold_the_stack()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var held = new StackLease("run-a", "cutover", "ci-runner-1", 4242, now.AddHours(-2), now.AddMinutes(-1)).Format();

        Assert.Null(StackLease.Refusal(TrafficVerb.Cutover, held, "run-b", now));
    }

    [Fact]
    public void A_rollback_keeps_waiting_for_a_locked_stack_beyond_its_retries_until_one_update_could_have_ended()
    {
        var run = EngineRun.Rollback(Color.Blue, new ObservedWeights(50, 50), retries: 0);
        var locked = new CutoverEvent.ApplyCompleted(run.State.Now.AddSeconds(5), Weights.Of(100, 0), "error: the stack is currently locked by 1 lock(s)", ApplyFailure.StackLocked);

        var waiting = CutoverEngine.Decide(run.State, locked);
        var late = CutoverEngine.Decide(waiting.State, locked with { At = run.State.Now.AddMinutes(1) });

        Assert.IsType<CutoverAction.RollBack>(waiting.Action);
        Assert.Equal(CutoverOutcome.Aborted, Assert.IsType<CutoverAction.Abort>(late.Action).Outcome);
    }

    [Fact]
    public void The_stack_as_this_run_left_it_shows_no_change()
    {
        var lease = new StackLease("run-a", "cutover", "host", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1)).Format();
        var seen = new StackView(new ObservedWeights(95, 5), new ObservedWeights(95, 5), lease);

        Assert.Null(seen.ChangesSince(seen, "run-a"));
    }

    [Fact]
    public void A_removed_lease_and_a_hand_edited_config_are_both_named_as_changes()
    {
        var lease = new StackLease("run-a", "cutover", "host", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1)).Format();
        var seen = new StackView(new ObservedWeights(95, 5), new ObservedWeights(95, 5), lease);
        var found = new StackView(new ObservedWeights(100, 0), new ObservedWeights(95, 5), null);

        var changes = found.ChangesSince(seen, "run-a");

        Assert.Contains("the config now holds blue 100 / green 0", changes);
        Assert.Contains("lease was removed", changes);
    }
}
