using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Tests.Traffic;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Cutover;

/// <summary>What a verb may do with a read of the traffic stack that did not fully succeed: rollback always wins when it can act.</summary>
public class StackReadTests
{
    private static readonly Validated<ObservedWeights> Unreadable =
        Validated<ObservedWeights>.Invalid([Problem.Error(ProblemCodes.StackUnreadable, "infra:weights", null, "`pulumi config get` exited with 255: error: [503] Service Unavailable")]);

    private static Validated<ObservedWeights> Read(int blue, int green) => Validated<ObservedWeights>.Valid(new ObservedWeights(blue, green));

    [Fact]
    public void A_rollback_goes_on_without_the_config_putting_the_deployed_weights_in_its_place_with_a_warning()
    {
        var read = StackView.Of(TrafficVerb.Rollback, Unreadable, Read(50, 50), null, []);

        Assert.True(read.IsValid);
        Assert.Equal((new ObservedWeights(50, 50), true), (read.Require().Config, read.Require().ConfigUnread));
        Assert.Equal((ProblemCodes.StackUnreadable, Severity.Warning), (read.Problems.Single().Code, read.Problems.Single().Severity));
    }

    [Fact]
    public void A_rollback_goes_on_without_the_deployed_weights_with_a_warning()
    {
        var read = StackView.Of(TrafficVerb.Rollback, Read(50, 50), Unreadable, null, []);

        Assert.True(read.IsValid);
        Assert.Equal((null, true), (read.Require().Deployed, read.Require().DeployedUnread));
        Assert.Equal(Severity.Warning, read.Problems.Single().Severity);
    }

    [Fact]
    public void A_rollback_that_read_neither_the_config_nor_the_deployed_weights_has_nothing_to_start_from()
    {
        Assert.False(StackView.Of(TrafficVerb.Rollback, Unreadable, Unreadable, null, []).IsValid);
    }

    [Theory]
    [InlineData(TrafficVerb.Cutover)]
    [InlineData(TrafficVerb.Retire)]
    public void A_cutover_or_a_retire_needs_every_reading(TrafficVerb verb)
    {
        Assert.False(StackView.Of(verb, Unreadable, Read(50, 50), null, []).IsValid);
        Assert.False(StackView.Of(verb, Read(50, 50), Unreadable, null, []).IsValid);
    }

    [Fact]
    public void A_rollback_updates_a_stack_that_seems_all_on_its_color_when_its_config_was_not_read()
    {
        var found = StackView.Of(TrafficVerb.Rollback, Unreadable, Read(100, 0), null, []).Require();

        var run = EngineRun.Rollback(Color.Blue, found);

        Assert.Equal(Weights.Of(100, 0), Assert.IsType<CutoverAction.RollBack>(run.LastAction).Weights);
    }
}
