using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

public class RollbackAndRetireTests
{
    [Fact]
    public async Task Rollback_returns_all_traffic_to_the_chosen_color_at_once()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([new ObservedWeights(100, 0)], fake.WeightsSet);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task Rollback_that_cannot_update_the_stack_says_which_weights_are_in_force()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailUpdates(100);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--apply-retries", "1", "--stack-file", fake.StackFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rolling back to blue 100 / green 0 failed 2 times", run.Output);
        Assert.Contains("The traffic stack keeps blue 50 / green 50", run.Output);
        Assert.Equal(new ObservedWeights(50, 50), fake.ConfigWeights);
    }

    [Fact]
    public async Task Retire_refuses_a_color_that_still_has_weight_and_says_why()
    {
        using var fake = new FakePulumi(new ObservedWeights(5, 95));

        var run = await CutoverCli.RunAsync(fake, "retire", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("still gives blue weight 5 (blue 5 / green 95)", run.Output);
        Assert.Contains("blue may not be retired yet", run.Output);
        Assert.DoesNotContain(fake.Invocations, line => line.StartsWith("destroy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retire_allows_a_color_with_no_weight_and_names_the_stack_to_destroy()
    {
        using var fake = new FakePulumi(new ObservedWeights(0, 100));

        var run = await CutoverCli.RunAsync(fake, "retire", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("blue may be retired: pulumi destroy --stack acme/infra/blue", run.Output);
    }

    [Fact]
    public async Task Retire_refuses_while_the_deployed_weights_still_send_traffic_though_the_config_does_not()
    {
        using var fake = new FakePulumi(new ObservedWeights(0, 100));
        fake.SetOutputs("traffic", """{"weights": {"blue": 100, "green": 0}}""");

        var run = await CutoverCli.RunAsync(fake, "retire", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ok (config of traffic)", run.Output);
        Assert.Contains("refused (deployed traffic): the traffic stack still gives blue weight 100", run.Output);
    }
}
