using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

public class ClusterSettingsTests
{
    [Fact]
    public void Blue_stack_file_parses_into_cluster_settings()
    {
        var result = SettingsFixtures.Load("valid/Pulumi.blue.yaml");

        var blue = Assert.IsType<ClusterStackSettings>(result.Require());
        Assert.Equal(Color.Blue, blue.Color);
        Assert.Equal(new KubernetesVersion(1, 32), blue.KubernetesVersion);
        Assert.Equal(SupportPolicy.Extended, blue.UpgradePolicy);
        Assert.Equal("10.40.0.0/16", Assert.IsType<NewNetwork>(blue.Network).Cidr.ToString());
        Assert.Equal(["general", "batch"], blue.NodeGroups.Select(g => g.Name));
        Assert.Equal(["m6i.large", "m6a.large"], blue.NodeGroups[0].InstanceTypes!.Value.ToArray());
        Assert.Equal((3, 3, 9), (blue.NodeGroups[0].MinSize, blue.NodeGroups[0].DesiredSize, blue.NodeGroups[0].MaxSize));
    }

    [Fact]
    public void Node_group_without_a_version_runs_the_cluster_version()
    {
        var green = SettingsFixtures.Blueprint("valid/Pulumi.green.yaml");

        Assert.Equal(new KubernetesVersion(1, 35), Assert.Single(green.NodeGroups).KubernetesVersion);
    }

    [Fact]
    public void Node_group_with_its_own_version_keeps_it()
    {
        var blue = SettingsFixtures.Blueprint("valid/Pulumi.blue.yaml");

        Assert.Equal(new KubernetesVersion(1, 30), blue.NodeGroups.Single(g => g.Name == "batch").KubernetesVersion);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var result = SettingsFixtures.Load("invalid-cluster/Pulumi.green.yaml");

        Assert.False(result.IsValid);
        Assert.Equal(
            ["infra:kubernetesVersion", "infra:nodeGroups[0].maxSize", "infra:nodeGroups[1].instanceTypes[0]", "infra:nodeGroups[1].name", "infra:vpcCidr"],
            result.Errors.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Node_group_max_size_below_min_size_names_the_group_and_both_values()
    {
        var problem = SettingsFixtures.Load("invalid-cluster/Pulumi.green.yaml").SingleError("infra:nodeGroups[0].maxSize");

        Assert.Equal("2", problem.Value);
        Assert.Contains("node group 'general': maxSize 2 is less than minSize 3", problem.Message);
    }

    [Fact]
    public void Problems_name_the_file_and_the_line_of_the_key()
    {
        var problem = SettingsFixtures.Load("invalid-cluster/Pulumi.green.yaml").SingleError("infra:vpcCidr");

        Assert.EndsWith(Path.Combine("invalid-cluster", "Pulumi.green.yaml"), problem.File);
        Assert.Equal(5, problem.Line);
        Assert.Equal("10.41.0.0/33", problem.Value);
    }

    [Fact]
    public void Unknown_kubernetes_version_lists_the_versions_the_catalog_knows()
    {
        var problem = SettingsFixtures.Load("invalid-cluster/Pulumi.green.yaml").SingleError("infra:kubernetesVersion");

        Assert.Equal("1.99", problem.Value);
        Assert.Contains("1.35", problem.Message);
    }

    [Fact]
    public void Kubernetes_version_too_large_for_a_number_is_rejected_naming_the_value()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:kubernetesVersion", "1.99999999999")));

        Assert.Contains("is not a Kubernetes minor version", result.SingleError("infra:kubernetesVersion").Message);
    }

    [Fact]
    public void Color_that_disagrees_with_the_stack_name_is_rejected()
    {
        var problem = SettingsFixtures.Load("mismatched-color/Pulumi.blue.yaml").SingleError("infra:color");

        Assert.Equal("green", problem.Value);
        Assert.Contains("does not match the stack 'blue'", problem.Message);
    }

    [Fact]
    public void Unknown_color_is_rejected()
    {
        var result = SettingsFixtures.Parse("blue", ClusterConfig(("infra:color", "purple")));

        Assert.Contains("must be blue or green", result.SingleError("infra:color").Message);
    }

    [Fact]
    public void Stack_named_with_a_color_suffix_matches_that_color()
    {
        var result = SettingsFixtures.Parse("acme/infra/prod-green", ClusterConfig(("infra:color", "green")));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Unquoted_version_inside_a_node_group_is_rejected_with_quoting_advice()
    {
        var problem = SettingsFixtures.Load("unquoted-version/Pulumi.green.yaml").SingleError("infra:nodeGroups[0].kubernetesVersion");

        Assert.Equal("1.3", problem.Value);
        Assert.Contains("\"1.30\"", problem.Message);
    }

    [Fact]
    public void Version_in_extended_support_with_the_standard_upgrade_policy_is_rejected()
    {
        var problem = SettingsFixtures.Load("extended-standard/Pulumi.blue.yaml").SingleError("infra:upgradePolicy");

        Assert.Contains("extended support", problem.Message);
    }

    [Fact]
    public void Version_in_extended_support_with_the_extended_policy_warns_about_the_cost()
    {
        var result = SettingsFixtures.Load("valid/Pulumi.blue.yaml");

        var warning = Assert.Single(result.Warnings, p => p.Key == "infra:kubernetesVersion");
        Assert.Contains("extended", warning.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Version_past_the_end_of_extended_support_is_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:color", "green"), ("infra:kubernetesVersion", "1.28"), ("infra:upgradePolicy", "extended")));

        Assert.Equal("1.28", result.SingleError("infra:kubernetesVersion").Value);
    }

    [Fact]
    public void Node_group_newer_than_the_control_plane_is_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(
            ("infra:color", "green"), ("infra:kubernetesVersion", "1.34"),
            ("infra:nodeGroups", """[{"name":"general","instanceTypes":["m6i.large"],"minSize":1,"desiredSize":1,"maxSize":3,"kubernetesVersion":"1.35"}]""")));

        Assert.Contains("may never be newer", result.SingleError("infra:nodeGroups[0].kubernetesVersion").Message);
    }

    [Fact]
    public void Node_group_four_minors_behind_the_control_plane_is_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(
            ("infra:color", "green"), ("infra:kubernetesVersion", "1.35"),
            ("infra:nodeGroups", """[{"name":"legacy","instanceTypes":["m6i.large"],"minSize":1,"desiredSize":1,"maxSize":3,"kubernetesVersion":"1.31"}]""")));

        Assert.Contains("4 minors older", result.SingleError("infra:nodeGroups[0].kubernetesVersion").Message);
    }

    [Fact]
    public void Misspelt_key_is_a_warning_that_suggests_the_real_one()
    {
        var result = SettingsFixtures.Load("typo/Pulumi.green.yaml");

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings, p => p.Key == "infra:nodeGroup");
        Assert.Contains("did you mean infra:nodeGroups?", warning.Message);
    }

    [Fact]
    public void Unknown_node_group_field_is_a_warning()
    {
        var result = SettingsFixtures.Load("typo/Pulumi.green.yaml");

        Assert.Single(result.Warnings, p => p.Key == "infra:nodeGroups[0].maxSurge");
    }

    [Fact]
    public void Existing_network_is_used_when_vpc_and_subnets_are_given()
    {
        var green = (ClusterStackSettings)SettingsFixtures.Load("existing-network/Pulumi.green.yaml").Require();

        var network = Assert.IsType<ExistingNetwork>(green.Network);
        Assert.Equal("vpc-0a1b2c3d4e5f67890", network.VpcId);
        Assert.Equal(2, network.SubnetIds.Length);
    }

    [Fact]
    public void Vpc_id_and_vpc_cidr_together_are_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(
            ("infra:color", "green"), ("infra:vpcId", "vpc-0a1b2c3d"), ("infra:subnetIds", """["subnet-0a1b2c3d","subnet-1a2b3c4d"]""")));

        Assert.Contains("not both", result.SingleError("infra:vpcCidr").Message);
    }

    [Fact]
    public void Existing_network_with_one_subnet_is_rejected()
    {
        var config = ClusterConfig(("infra:color", "green"), ("infra:vpcId", "vpc-0a1b2c3d"), ("infra:subnetIds", """["subnet-0a1b2c3d"]"""));
        config.Remove("infra:vpcCidr");

        var result = SettingsFixtures.Parse("green", config);

        Assert.Contains("at least two subnets", result.SingleError("infra:subnetIds").Message);
    }

    [Fact]
    public void Subnet_ids_that_are_not_json_are_reported_once()
    {
        var config = ClusterConfig(("infra:vpcId", "vpc-0a1b2c3d"), ("infra:subnetIds", "[subnet-0a1b2c3d"));
        config.Remove("infra:vpcCidr");

        var result = SettingsFixtures.Parse("green", config);

        Assert.Contains("must be a structured value", result.SingleError("infra:subnetIds").Message);
    }

    [Fact]
    public void Availability_zones_may_be_named_by_name_or_zone_id()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:availabilityZones", """["eu-west-1b","euw1-az3"]""")));

        var network = Assert.IsType<NewNetwork>(Assert.IsType<ClusterStackSettings>(result.Require()).Network);
        Assert.Equal([("eu-west-1b", false), ("euw1-az3", true)], network.AvailabilityZones.Select(z => (z.Value, z.IsZoneId)));
    }

    [Theory]
    [InlineData("""["eu-west-1a"]""")]
    [InlineData("""["eu-west-1a","eu-west-1b","eu-west-1c"]""")]
    [InlineData("""["eu-west-1a","eu-west-1a"]""")]
    public void Availability_zones_must_be_exactly_two_different_zones(string zones)
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:availabilityZones", zones)));

        Assert.Equal(ProblemCodes.NetworkZones, result.SingleError("infra:availabilityZones").Code);
    }

    [Fact]
    public void An_availability_zone_that_is_neither_a_name_nor_a_zone_id_is_reported_where_it_stands()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:availabilityZones", """["eu-west-1a","west"]""")));

        Assert.Equal(ProblemCodes.BadFormat, result.SingleError("infra:availabilityZones[1]").Code);
    }

    [Fact]
    public void Availability_zones_beside_an_existing_network_are_a_conflict()
    {
        var config = ClusterConfig(
            ("infra:vpcId", "vpc-0a1b2c3d"), ("infra:subnetIds", """["subnet-0a1b2c3d","subnet-1a2b3c4d"]"""),
            ("infra:availabilityZones", """["eu-west-1a","eu-west-1b"]"""));
        config.Remove("infra:vpcCidr");

        var result = SettingsFixtures.Parse("green", config);

        Assert.Equal(ProblemCodes.NetworkConflict, result.SingleError("infra:availabilityZones").Code);
    }

    [Fact]
    public void Missing_network_is_rejected()
    {
        var config = ClusterConfig(("infra:color", "green"));
        config.Remove("infra:vpcCidr");

        var result = SettingsFixtures.Parse("green", config);

        Assert.Contains("is required unless", result.SingleError("infra:vpcCidr").Message);
    }

    [Fact]
    public void Override_of_an_unknown_add_on_is_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:color", "green"), ("infra:addons", """{"istio":"1.22.0"}""")));

        Assert.Equal("1.22.0", result.SingleError("infra:addons.istio").Value);
    }

    [Fact]
    public void Kube_proxy_pinned_newer_than_the_control_plane_is_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:kubernetesVersion", "1.34"), ("infra:addons", """{"kube-proxy":"v1.35.0-eksbuild.2"}""")));

        var problem = result.SingleError("infra:addons.kube-proxy");
        Assert.Equal("v1.35.0-eksbuild.2", problem.Value);
        Assert.Contains("kube-proxy 1.35 is newer than the control plane 1.34", problem.Message);
    }

    [Fact]
    public void Kube_proxy_pinned_one_minor_behind_the_control_plane_is_accepted()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:addons", """{"kube-proxy":"v1.34.1-eksbuild.2"}""")));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Add_ons_key_left_empty_pins_nothing()
    {
        var green = (ClusterStackSettings)SettingsFixtures.Load("empty-addons/Pulumi.green.yaml").Require();

        Assert.Empty(green.AddonOverrides);
    }

    [Fact]
    public void Add_ons_that_are_not_json_are_rejected_naming_the_key()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:addons", "{coredns: [")));

        Assert.Contains("must be a structured value", result.SingleError("infra:addons").Message);
    }

    [Fact]
    public void Node_groups_set_to_null_are_reported_as_missing()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:nodeGroups", "null")));

        Assert.Contains("is required", result.SingleError("infra:nodeGroups").Message);
    }

    [Fact]
    public void A_setting_spelt_both_with_and_without_config_is_rejected_naming_both_spellings()
    {
        var problem = Assert.Single(SettingsFixtures.Load("spelt-twice/Pulumi.green.yaml").Errors);

        Assert.Equal("infra:color", problem.Key);
        Assert.Contains("infra:color and infra:config:color", problem.Message);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Traffic_setting_in_a_cluster_stack_is_an_error_and_not_also_a_warning()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig(("infra:weights", """{"blue":100,"green":0}""")));

        Assert.Contains("belongs to the traffic stack", result.SingleError("infra:weights").Message);
        Assert.DoesNotContain(result.Warnings, p => p.Key == "infra:weights");
    }

    [Fact]
    public void Pulumi_config_map_and_stack_file_give_the_same_settings()
    {
        var fromFile = SettingsFixtures.Load("valid/Pulumi.blue.yaml").Require();
        var fromPulumi = SettingsFixtures.Parse("blue", new Dictionary<string, string>
        {
            ["aws:region"] = "eu-west-1",
            ["infra:config:color"] = "blue",
            ["infra:kubernetesVersion"] = "1.32",
            ["infra:upgradePolicy"] = "extended",
            ["infra:vpcCidr"] = "10.40.0.0/16",
            ["infra:nodeGroups"] = """
                [{"name":"general","instanceTypes":["m6i.large","m6a.large"],"minSize":3,"desiredSize":3,"maxSize":9},
                 {"name":"batch","instanceTypes":["c6i.xlarge"],"minSize":"0","desiredSize":"1","maxSize":"6","kubernetesVersion":"1.30"}]
                """,
        }).Require();

        Assert.Equal(Describe(fromFile with { Source = fromPulumi.Source }), Describe(fromPulumi));
    }

    // Records holding ImmutableArray compare arrays by reference, so settings are compared through their JSON form.
    private static string Describe(StackSettings settings) => System.Text.Json.JsonSerializer.Serialize((object)settings);

    private static Dictionary<string, string> ClusterConfig(params (string Key, string Value)[] overrides)
    {
        var config = new Dictionary<string, string>
        {
            ["infra:color"] = "green",
            ["infra:kubernetesVersion"] = "1.35",
            ["infra:vpcCidr"] = "10.41.0.0/16",
            ["infra:nodeGroups"] = """[{"name":"general","instanceTypes":["m6i.large"],"minSize":1,"desiredSize":1,"maxSize":3}]""",
        };
        foreach (var (key, value) in overrides)
        {
            config[key] = value;
        }

        return config;
    }
}
