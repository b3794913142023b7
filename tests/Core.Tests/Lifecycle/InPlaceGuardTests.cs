using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Settings;

namespace BlueGreen.Core.Tests.Lifecycle;

/// <summary>Never in place: a stack whose cluster runs refuses to change its control plane's minor, whatever else is valid.</summary>
public class InPlaceGuardTests
{
    // Blue as `pulumi stack output --json` prints it after a deployment at 1.32 (general at 1.32, batch at 1.30).
    private const string BlueAt132 = """
        {
          "addonVersions": {"coredns": "v1.11.4-eksbuild.2"},
          "clusterName": "infra-blue-k3x9q2",
          "color": "blue",
          "kubeconfig": "[secret]",
          "kubernetesVersion": "1.32",
          "nodeGroupVersions": {
            "batch": {"kubernetesVersion": "1.30", "amiReleaseVersion": "1.30.14-20250101"},
            "general": {"kubernetesVersion": "1.32"}
          }
        }
        """;

    private static Validated<StackSettings> Validate(string yaml, string deployedOutputs)
    {
        var directory = Directory.CreateTempSubdirectory();
        var path = Path.Combine(directory.FullName, "Pulumi.blue.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return SettingsFixtures.Validate(StackFile.Load(path), DeployedCluster.FromOutputs(deployedOutputs, "blue.json").Require());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Blue(string version, string batch = "1.30", string general = "") => $$"""
        config:
          infra:color: blue
          infra:kubernetesVersion: "{{version}}"
          infra:upgradePolicy: extended
          infra:vpcCidr: 10.40.0.0/16
          infra:nodeGroups:
            - {name: general, instanceTypes: [m6i.large], minSize: 3, desiredSize: 3, maxSize: 9{{(general == "" ? "" : $", kubernetesVersion: \"{general}\"")}}}
            - {name: batch, instanceTypes: [c6i.xlarge], minSize: 0, desiredSize: 1, maxSize: 6, kubernetesVersion: "{{batch}}"}
        """;

    [Fact]
    public void Changing_the_running_control_plane_s_minor_is_refused_naming_both_versions()
    {
        var result = Validate(Blue("1.33", batch: "1.31"), BlueAt132);

        var problem = result.SingleError(SettingKeys.KubernetesVersion);
        Assert.Equal(ProblemCodes.InPlaceUpgrade, problem.Code);
        Assert.Equal("1.33", problem.Value);
        Assert.Contains("1.32", problem.Message);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Going_back_a_minor_is_refused_as_well()
    {
        var result = Validate(Blue("1.31"), BlueAt132);

        Assert.Equal(ProblemCodes.InPlaceUpgrade, result.SingleError(SettingKeys.KubernetesVersion).Code);
    }

    [Fact]
    public void The_same_minor_operates_the_running_cluster()
    {
        var result = Validate(Blue("1.32"), BlueAt132);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_stack_never_deployed_may_create_any_minor()
    {
        var result = Validate(Blue("1.33", batch: "1.31"), "{}");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_node_group_may_move_toward_its_control_plane()
    {
        var result = Validate(Blue("1.32", batch: "1.31"), BlueAt132);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_node_group_may_not_move_away_from_its_control_plane()
    {
        var result = Validate(Blue("1.32", general: "1.31"), BlueAt132);

        var problem = result.SingleError("infra:nodeGroups[0].kubernetesVersion");
        Assert.Equal((ProblemCodes.NodeGroupAway, "1.31"), (problem.Code, problem.Value));
    }

    [Fact]
    public void A_node_group_may_not_move_past_its_control_plane()
    {
        var result = Validate(Blue("1.32", batch: "1.33"), BlueAt132);

        Assert.Contains(result.Errors, p => p.Code == ProblemCodes.NodeGroupAway && p.Key == "infra:nodeGroups[1].kubernetesVersion");
    }

    [Fact]
    public void A_new_ami_release_within_the_minor_is_allowed()
    {
        // The deployed batch group runs an older AMI release of 1.30 than the catalog pins now.
        var result = Validate(Blue("1.32"), BlueAt132);

        Assert.DoesNotContain(result.Problems, p => p.Code.StartsWith("lifecycle.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_group_added_to_a_running_cluster_answers_to_the_skew_policy_only()
    {
        var result = Validate(Blue("1.32", batch: "1.29"), BlueAt132.Replace("\"batch\"", "\"reports\"", StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void The_guard_speaks_beside_the_settings_own_problems()
    {
        var result = Validate(Blue("1.33").Replace("10.40.0.0/16", "10.40.0.0/33", StringComparison.Ordinal), BlueAt132);

        Assert.Equal([ProblemCodes.InPlaceUpgrade, ProblemCodes.BadFormat], result.Errors.Select(p => p.Code).Order(StringComparer.Ordinal));
    }
}
