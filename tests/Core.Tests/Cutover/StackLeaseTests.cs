using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Cutover;

/// <summary>How long a run's lease lasts, and what a lease tag that cannot be read or written costs each verb.</summary>
public class StackLeaseTests
{
    [Fact]
    public void A_cutover_lease_outlasts_twice_a_bake_with_its_probes_then_an_update_run_to_its_timeout()
    {
        var options = new CutoverOptions
        {
            Target = Color.Green,
            Schedule = CutoverSchedule.Parse("5,100").Require(),
            Bake = TimeSpan.FromMinutes(10),
            ProbeInterval = TimeSpan.FromSeconds(30),
            Gates = GateSettings.Default with { MinSamples = 20 },
            ApplyTimeout = TimeSpan.FromMinutes(15),
        };

        var stretch = TimeSpan.FromMinutes(10) + (20 * TimeSpan.FromSeconds(30)) + TimeSpan.FromMinutes(15);

        Assert.True(StackLease.LengthFor(options) >= 2 * stretch, $"{StackLease.LengthFor(options)}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(7200)]
    public void A_rollback_lease_outlasts_twice_its_longest_backoff_then_an_update_run_to_its_timeout(int applyTimeoutSeconds)
    {
        var timeout = TimeSpan.FromSeconds(applyTimeoutSeconds);

        Assert.True(StackLease.LengthForRollback(timeout) >= 2 * (CutoverPlan.MaxBackoff + timeout));
    }

    [Fact]
    public void An_unreadable_lease_is_only_a_warning_for_a_rollback_which_breaks_any_lease()
    {
        var problem = StackLease.Unreadable(TrafficVerb.Rollback, "error: [503] Service Unavailable");

        Assert.Equal((ProblemCodes.LeaseUnreadable, Severity.Warning), (problem.Code, problem.Severity));
    }

    [Theory]
    [InlineData(TrafficVerb.Cutover)]
    [InlineData(TrafficVerb.Retire)]
    public void An_unreadable_lease_stops_a_cutover_or_a_retire_which_cannot_tell_who_holds_the_stack(TrafficVerb verb)
    {
        var problem = StackLease.Unreadable(verb, "error: [503] Service Unavailable");

        Assert.Equal((ProblemCodes.LeaseUnreadable, Severity.Error), (problem.Code, problem.Severity));
    }

    [Theory]
    [InlineData(TrafficVerb.Rollback, Severity.Warning)]
    [InlineData(TrafficVerb.Cutover, Severity.Error)]
    public void A_lease_that_cannot_be_written_stops_a_cutover_but_not_a_rollback(TrafficVerb verb, Severity severity)
    {
        var problem = StackLease.NotWritten(verb, "error: [503] Service Unavailable");

        Assert.Equal((ProblemCodes.LeaseNotWritten, severity), (problem.Code, problem.Severity));
    }
}
