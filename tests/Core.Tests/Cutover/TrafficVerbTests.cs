using BlueGreen.Core.Cutover;

namespace BlueGreen.Core.Tests.Cutover;

public class TrafficVerbTests
{
    [Fact]
    public void Traffic_back_on_the_source_is_a_rollbacks_success_and_a_cutovers_failure()
    {
        Assert.True(TrafficVerb.Rollback.Succeeded(CutoverOutcome.RolledBack));
        Assert.False(TrafficVerb.Cutover.Succeeded(CutoverOutcome.RolledBack));
    }

    [Theory]
    [InlineData(TrafficVerb.Cutover, true)]
    [InlineData(TrafficVerb.Rollback, false)]
    public void Only_a_rollback_goes_on_over_a_change_it_did_not_make(TrafficVerb verb, bool yields)
    {
        Assert.Equal(yields, verb.YieldsToChanges());
    }
}
