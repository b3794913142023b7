using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Traffic;

namespace BlueGreen.Core.Tests.Cutover;

public class CutoverScheduleTests
{
    [Fact]
    public void A_schedule_reads_as_the_target_weight_at_each_step()
    {
        Assert.Equal([5, 25, 50, 100], CutoverSchedule.Parse("5, 25,50 ,100").Require().Steps.ToArray());
    }

    [Fact]
    public void An_empty_schedule_is_rejected_with_an_example()
    {
        var problem = Assert.Single(CutoverSchedule.Parse("").Errors);

        Assert.Equal((ProblemCodes.StepsEmpty, "steps"), (problem.Code, problem.Key));
        Assert.Contains("5,25,50,100", problem.Message);
    }

    [Fact]
    public void A_schedule_that_does_not_increase_is_rejected_naming_both_steps()
    {
        var problem = Assert.Single(CutoverSchedule.Parse("5,50,25,100").Errors);

        Assert.Equal((ProblemCodes.StepsNotRising, "5,50,25,100"), (problem.Code, problem.Value));
        Assert.Contains("step 3 (25) is not above step 2 (50)", problem.Message);
    }

    [Fact]
    public void A_repeated_step_is_rejected_as_not_increasing()
    {
        Assert.Equal(ProblemCodes.StepsNotRising, Assert.Single(CutoverSchedule.Parse("5,5,100").Errors).Code);
    }

    [Fact]
    public void A_step_above_255_is_rejected_as_more_than_Route53_accepts()
    {
        var problem = Assert.Single(CutoverSchedule.Parse("5,25,300").Errors);

        Assert.Equal(ProblemCodes.StepOutOfRange, problem.Code);
        Assert.Contains("step 3 is 300", problem.Message);
    }

    [Fact]
    public void A_step_of_0_is_rejected()
    {
        Assert.Equal(ProblemCodes.StepOutOfRange, Assert.Single(CutoverSchedule.Parse("0,50,100").Errors).Code);
    }

    [Fact]
    public void An_entry_that_is_not_a_number_is_rejected_by_name()
    {
        var problem = Assert.Single(CutoverSchedule.Parse("5,half,100").Errors);

        Assert.Equal(ProblemCodes.StepNotANumber, problem.Code);
        Assert.Contains("'half'", problem.Message);
    }

    [Fact]
    public void Every_problem_of_a_schedule_is_reported_at_once()
    {
        Assert.Equal(2, CutoverSchedule.Parse("50,25,300").Errors.Count());
    }

    [Fact]
    public void A_schedule_not_ending_with_all_traffic_on_the_target_is_rejected()
    {
        var plan = CutoverPlan.Create(Options("5,25,50"), Weights.Of(100, 0));

        var problem = Assert.Single(plan.Errors);
        Assert.Equal((ProblemCodes.LastStepShort, "steps"), (problem.Code, problem.Key));
        Assert.Contains("the last step gives green 50 of the total weight 100, leaving blue 50", problem.Message);
        Assert.Contains("must end with all traffic on green (green 100, blue 0)", problem.Message);
    }

    [Fact]
    public void The_end_of_a_schedule_is_the_traffic_stack_total_weight()
    {
        Assert.True(CutoverPlan.Create(Options("10,128,255"), Weights.Of(255, 0)).IsValid);
        Assert.False(CutoverPlan.Create(Options("10,50,100"), Weights.Of(255, 0)).IsValid);
    }

    [Fact]
    public void A_step_above_the_stack_total_weight_is_rejected()
    {
        var problem = Assert.Single(CutoverPlan.Create(Options("5,150"), Weights.Of(100, 0)).Errors);

        Assert.Equal(ProblemCodes.StepAboveTotal, problem.Code);
        Assert.Contains("step 150 is above the traffic stack's total weight 100", problem.Message);
    }

    [Fact]
    public void Each_step_keeps_the_total_and_gives_the_source_the_rest()
    {
        var plan = CutoverPlan.Create(Options("5,25,50,100"), Weights.Of(100, 0)).Require();

        Assert.Equal(Weights.Of(75, 25), plan.WeightsAt(1));
        Assert.Equal(Weights.Of(100, 0), plan.AllOnSource);
    }

    [Fact]
    public void A_cutover_to_blue_moves_weight_from_green()
    {
        var plan = CutoverPlan.Create(Options("5,100") with { Target = Color.Blue }, Weights.Of(0, 100)).Require();

        Assert.Equal(Weights.Of(5, 95), plan.WeightsAt(0));
        Assert.Equal(Weights.Of(0, 100), plan.AllOnSource);
    }

    [Fact]
    public void A_bake_shorter_than_the_dns_ttl_is_a_warning_that_names_the_ttl()
    {
        var plan = CutoverPlan.Create(Options("5,25,50,100") with { Bake = TimeSpan.FromSeconds(30), DnsTtl = TimeSpan.FromSeconds(60) }, Weights.Of(100, 0));

        Assert.True(plan.IsValid);
        var warning = Assert.Single(plan.Warnings);
        Assert.Equal(ProblemCodes.BakeBelowTtl, warning.Code);
        Assert.Contains("infra:ttl", warning.Message);
    }

    [Fact]
    public void A_bake_as_long_as_the_dns_ttl_gives_no_warning()
    {
        var plan = CutoverPlan.Create(Options("5,25,50,100") with { Bake = TimeSpan.FromSeconds(60), DnsTtl = TimeSpan.FromSeconds(60) }, Weights.Of(100, 0));

        Assert.Empty(plan.Problems);
    }

    private static CutoverOptions Options(string steps) => new()
    {
        Target = Color.Green,
        Schedule = CutoverSchedule.Parse(steps).Require(),
    };
}
