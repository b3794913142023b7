using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;
using BlueGreen.Core.Planning;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Settings;

namespace BlueGreen.Core.Tests.Lifecycle;

/// <summary>Support dates inform, they do not lock out: EKS refuses to create a cluster on a version it no longer offers, not to run one.</summary>
public class SupportLifecycleTests
{
    // 1.32 leaves EKS extended support on 2027-03-23; green's 1.35 is in standard support until 2027-03-27.
    private static readonly DateOnly AfterBlueEndOfLife = new(2027, 3, 24);

    private static Validated<ClusterBlueprint> Resolve(string fixture, DeployedCluster? deployed, DateOnly today)
    {
        var parsed = StackFile.Load(SettingsFixtures.PathOf(fixture));
        return ClusterBlueprint.Resolve((ClusterStackSettings)parsed.Value!, parsed.Problems,
            new ResolutionContext(VersionCatalog.Embedded, today, "infra") { Deployed = deployed });
    }

    private static DeployedCluster Running(string version) => DeployedCluster.None with { ControlPlane = KubernetesVersion.Parse(version) };

    [Fact]
    public void Creating_a_cluster_on_a_version_past_extended_support_is_an_error()
    {
        var result = Resolve("valid/Pulumi.blue.yaml", DeployedCluster.None, AfterBlueEndOfLife);

        var problem = Assert.Single(result.Errors);
        Assert.Equal((ProblemCodes.SupportEnded, SettingKeys.KubernetesVersion), (problem.Code, problem.Key));
    }

    [Fact]
    public void Operating_a_cluster_that_runs_a_version_past_extended_support_is_a_warning_and_the_stack_stays_operable()
    {
        var result = Resolve("valid/Pulumi.blue.yaml", Running("1.32"), AfterBlueEndOfLife);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var warning = Assert.Single(result.Warnings, w => w.Code == ProblemCodes.SupportEndedInUse);
        Assert.Contains("2027-03-23", warning.Message);
        Assert.Equal(SupportPhase.Unsupported, result.Require().Support.Phase);
    }

    [Fact]
    public void A_plan_away_from_an_end_of_life_blue_is_a_go_and_says_it_is_urgent()
    {
        var today = AfterBlueEndOfLife;
        var blue = Resolve("valid/Pulumi.blue.yaml", Running("1.32"), today);
        var green = Resolve("valid/Pulumi.green.yaml", DeployedCluster.None, today);

        var plan = Planner.Plan(new PlanInputs
        {
            Blue = blue.Require(),
            Green = green.Require(),
            Catalog = VersionCatalog.Embedded,
            Today = today,
            Warnings = [.. blue.Warnings, .. green.Warnings],
        });

        Assert.True(plan.Verdict.IsGo, string.Join("\n", plan.Verdict.Blockers));
        Assert.StartsWith("URGENT", plan.Verdict.Cautions[0], StringComparison.Ordinal);
    }
}
