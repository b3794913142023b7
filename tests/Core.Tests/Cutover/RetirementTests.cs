using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Traffic;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Cutover;

public class RetirementTests
{
    [Fact]
    public void A_color_with_weight_is_not_retired_and_the_reason_says_how_much_traffic_it_still_serves()
    {
        var verdict = Retirement.Check(Color.Blue, new ObservedWeights(5, 95));

        Assert.False(verdict.Allowed);
        Assert.Contains("still gives blue weight 5 (blue 5 / green 95), about 5% of the queries", verdict.Reason);
        Assert.Contains("bluegreen cutover --to green", verdict.Reason);
    }

    [Fact]
    public void A_color_with_weight_0_may_be_retired()
    {
        var verdict = Retirement.Check(Color.Blue, new ObservedWeights(0, 100));

        Assert.True(verdict.Allowed);
        Assert.Contains("all queries go to green", verdict.Reason);
    }

    [Fact]
    public void No_color_is_retired_while_both_weights_are_0_because_Route53_then_splits_equally()
    {
        var verdict = Retirement.Check(Color.Green, new ObservedWeights(0, 0));

        Assert.False(verdict.Allowed);
        Assert.Contains("splits traffic equally", verdict.Reason);
    }
}
