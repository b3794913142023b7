using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Lifecycle;

/// <summary>A stack's deployed outputs, as `pulumi stack output --json` prints them.</summary>
public class DeployedClusterTests
{
    [Fact]
    public void Outputs_with_the_kubeconfig_hidden_as_a_secret_give_the_running_versions()
    {
        var deployed = DeployedCluster.FromOutputs("""
            {"color": "blue", "kubeconfig": "[secret]", "kubernetesVersion": "1.32",
             "nodeGroupVersions": {"general": {"kubernetesVersion": "1.32", "amiReleaseVersion": "1.32.9-20251023"}, "batch": {"kubernetesVersion": "1.30"}}}
            """, "blue.json").Require();

        Assert.Equal(new KubernetesVersion(1, 32), deployed.ControlPlane);
        Assert.Equal([("batch", new KubernetesVersion(1, 30)), ("general", new KubernetesVersion(1, 32))], deployed.NodeGroups.Select(g => (g.Key, g.Value)));
    }

    [Fact]
    public void Empty_outputs_are_a_stack_never_deployed_or_destroyed_since()
    {
        var deployed = DeployedCluster.FromOutputs("{}", "blue.json").Require();

        Assert.False(deployed.Exists);
    }

    [Fact]
    public void A_version_hidden_as_a_secret_cannot_be_judged()
    {
        var result = DeployedCluster.FromOutputs("""{"kubernetesVersion": "[secret]"}""", "blue.json");

        var problem = Assert.Single(result.Errors);
        Assert.Equal((ProblemCodes.DeployedInvalid, "kubernetesVersion", "blue.json"), (problem.Code, problem.Key, problem.File));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"kubernetesVersion": "latest"}""")]
    [InlineData("""{"clusterName": "infra-blue-k3x9q2"}""")]
    public void Outputs_that_are_not_a_cluster_stack_s_are_a_problem_not_a_crash(string json)
    {
        var result = DeployedCluster.FromOutputs(json, "blue.json");

        Assert.Equal(ProblemCodes.DeployedInvalid, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Without_its_outputs_a_plan_takes_the_serving_color_to_run_what_its_file_says()
    {
        var assumed = DeployedCluster.AssumedForPlan(new KubernetesVersion(1, 29), serving: true);

        Assert.Equal(new KubernetesVersion(1, 29), assumed?.ControlPlane);
    }

    [Fact]
    public void Without_its_outputs_a_plan_takes_the_color_being_stood_up_to_run_nothing_yet()
    {
        Assert.Equal(DeployedCluster.None, DeployedCluster.AssumedForPlan(new KubernetesVersion(1, 33), serving: false));
    }

    [Fact]
    public void A_serving_color_whose_file_names_no_version_is_assumed_to_run_nothing_known()
    {
        Assert.Null(DeployedCluster.AssumedForPlan(null, serving: true));
    }
}
