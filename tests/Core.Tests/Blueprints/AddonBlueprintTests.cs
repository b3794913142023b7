using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class AddonBlueprintTests
{
    private static readonly IReadOnlyDictionary<RuntimeValue, string> Runtime = new Dictionary<RuntimeValue, string>
    {
        [RuntimeValue.ClusterName] = "infra-green-k3x9q2",
        [RuntimeValue.Region] = "eu-west-1",
        [RuntimeValue.VpcId] = "vpc-0a1b2c3d4e5f67890",
        [RuntimeValue.ServiceAccountRoleArn] = "arn:aws:iam::123456789012:role/alb-controller",
    };

    [Fact]
    public void Vpc_cni_uses_its_own_irsa_role_with_the_cni_managed_policy()
    {
        var role = Managed(AddonNames.VpcCni).Definition.Role;

        Assert.NotNull(role);
        Assert.Equal("system:serviceaccount:kube-system:aws-node", role.Subject);
        Assert.Equal<string>([AwsManagedPolicies.VpcCni], role.ManagedPolicyArns);
    }

    [Fact]
    public void Ebs_csi_driver_uses_its_own_irsa_role_with_the_ebs_managed_policy()
    {
        var role = Managed(AddonNames.EbsCsiDriver).Definition.Role;

        Assert.NotNull(role);
        Assert.Equal("system:serviceaccount:kube-system:ebs-csi-controller-sa", role.Subject);
        Assert.Equal<string>(["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"], role.ManagedPolicyArns);
    }

    [Theory]
    [InlineData(AddonNames.CoreDns)]
    [InlineData(AddonNames.KubeProxy)]
    public void Addons_that_call_no_aws_api_get_no_role(string name)
    {
        Assert.Null(Managed(name).Definition.Role);
    }

    [Fact]
    public void Node_level_daemons_come_before_the_nodes_and_the_rest_after()
    {
        var needsNodes = Resolve(Green).ManagedAddons.ToDictionary(a => a.Name, a => a.Definition.Order == InstallOrder.AfterNodes);

        Assert.False(needsNodes[AddonNames.VpcCni]);
        Assert.False(needsNodes[AddonNames.KubeProxy]);
        Assert.True(needsNodes[AddonNames.CoreDns]);
        Assert.True(needsNodes[AddonNames.EbsCsiDriver]);
    }

    [Fact]
    public void Cluster_autoscaler_image_minor_is_the_cluster_minor()
    {
        var values = Chart(AddonNames.ClusterAutoscaler).ValuesWith(Runtime);

        var tag = (string)((IReadOnlyDictionary<string, object>)values["image"])["tag"];
        Assert.Equal("v1.33.0", tag);
        Assert.True(KubernetesVersion.TryParse(tag, out var minor) && minor == new KubernetesVersion(1, 33));
    }

    [Fact]
    public void Cluster_autoscaler_keeps_the_catalog_image_of_the_minor_when_its_chart_is_pinned()
    {
        var settings = Green with { AddonOverrides = Green.AddonOverrides.Add(AddonNames.ClusterAutoscaler, "9.52.0") };

        var chart = Resolve(settings).Charts.Single(c => c.Name == AddonNames.ClusterAutoscaler);

        Assert.Equal("9.52.0", chart.Version);
        Assert.Equal("v1.33.0", ((IReadOnlyDictionary<string, object>)chart.Values["image"])["tag"]);
    }

    [Fact]
    public void Catalog_entry_whose_autoscaler_is_for_another_minor_is_an_error_naming_the_catalog_key()
    {
        var catalog = LoadCatalog("catalog-autoscaler-minor-mismatch.yaml");

        var result = Check(Green, catalog);

        var problem = Assert.Single(result.Errors);
        Assert.Equal("versions[1.33].helm.cluster-autoscaler.appVersion", problem.Key);
        Assert.Equal("1.32.0", problem.Value);
    }

    [Fact]
    public void Cluster_autoscaler_discovers_only_this_clusters_node_groups_with_its_own_role()
    {
        var values = Chart(AddonNames.ClusterAutoscaler).ValuesWith(Runtime);

        Assert.Equal("aws", values["cloudProvider"]);
        Assert.Equal("infra-green-k3x9q2", ((IReadOnlyDictionary<string, object>)values["autoDiscovery"])["clusterName"]);
        Assert.Equal("eu-west-1", values["awsRegion"]);
        Assert.Equal(Runtime[RuntimeValue.ServiceAccountRoleArn], RoleArnAnnotation(values, "rbac", "serviceAccount"));
    }

    [Fact]
    public void Cluster_autoscaler_role_uses_the_cluster_scoped_policy()
    {
        var role = Chart(AddonNames.ClusterAutoscaler).Role;

        Assert.NotNull(role);
        Assert.Equal(PolicyTemplate.ClusterAutoscaler, role.Policy);
        Assert.Equal("system:serviceaccount:kube-system:cluster-autoscaler", role.Subject);
    }

    [Fact]
    public void Load_balancer_controller_gets_cluster_region_vpc_and_its_role()
    {
        var chart = Chart(AddonNames.AwsLoadBalancerController);

        var values = chart.ValuesWith(Runtime);

        Assert.Equal("infra-green-k3x9q2", values["clusterName"]);
        Assert.Equal("eu-west-1", values["region"]);
        Assert.Equal("vpc-0a1b2c3d4e5f67890", values["vpcId"]);
        Assert.Equal(Runtime[RuntimeValue.ServiceAccountRoleArn], RoleArnAnnotation(values, "serviceAccount"));
        Assert.Equal(PolicyTemplate.AwsLoadBalancerController, chart.Role?.Policy);
    }

    [Fact]
    public void Binding_keeps_the_static_values_beside_it()
    {
        var values = Chart(AddonNames.AwsLoadBalancerController).ValuesWith(Runtime);

        var serviceAccount = (IReadOnlyDictionary<string, object>)values["serviceAccount"];
        Assert.Equal(true, serviceAccount["create"]);
        Assert.Equal("aws-load-balancer-controller", serviceAccount["name"]);
    }

    [Fact]
    public void Missing_runtime_value_is_a_bug_at_the_caller()
    {
        var chart = Chart(AddonNames.AwsLoadBalancerController);
        var partial = Runtime.Where(r => r.Key != RuntimeValue.VpcId).ToDictionary();

        var error = Assert.Throws<ArgumentException>(() => chart.ValuesWith(partial));

        Assert.Contains(nameof(RuntimeValue.VpcId), error.Message);
    }

    [Fact]
    public void Metrics_server_needs_no_role_and_no_runtime_values()
    {
        var chart = Chart(AddonNames.MetricsServer);

        Assert.Null(chart.Role);
        Assert.Empty(chart.ValuesWith(new Dictionary<RuntimeValue, string>()));
    }

    [Fact]
    public void Every_chart_but_velero_is_installed_in_kube_system_and_velero_in_its_own_namespace()
    {
        Assert.All(Resolve(Green).Charts.Where(c => c.Name != AddonNames.Velero), chart => Assert.Equal("kube-system", chart.Namespace));
        Assert.Equal("velero", Chart(AddonNames.Velero).Namespace);
    }

    private static Addon Managed(string name) => Resolve(Green).ManagedAddons.Single(a => a.Name == name);

    private static ChartBlueprint Chart(string name) => Resolve(Green).Charts.Single(c => c.Name == name);

    private static object RoleArnAnnotation(IReadOnlyDictionary<string, object> values, params string[] path)
    {
        var node = values;
        foreach (var key in path)
        {
            node = (IReadOnlyDictionary<string, object>)node[key];
        }

        return ((IReadOnlyDictionary<string, object>)node["annotations"])["eks.amazonaws.com/role-arn"];
    }
}

public class SnapshotControllerTests
{
    [Fact]
    public void A_minor_with_a_snapshot_controller_build_declares_it_after_the_nodes_without_a_role()
    {
        var text = File.ReadAllText(PathOf("catalog-with-ami-release.yaml"))
            .Replace("      aws-ebs-csi-driver: v1.56.0-eksbuild.1\n", "      aws-ebs-csi-driver: v1.56.0-eksbuild.1\n      snapshot-controller: v8.3.0-eksbuild.1\n", StringComparison.Ordinal);

        var blueprint = Check(Green, VersionCatalog.Load(text)).Require();

        var snapshots = Assert.Single(blueprint.ManagedAddons, a => a.Name == AddonNames.SnapshotController);
        Assert.Equal(("v8.3.0-eksbuild.1", InstallOrder.AfterNodes, (ServiceAccountRole?)null), (snapshots.Version, snapshots.Definition.Order, snapshots.Definition.Role));
    }

    [Fact]
    public void A_minor_without_one_goes_without_it()
    {
        Assert.DoesNotContain(Resolve(Green).ManagedAddons, a => a.Name == AddonNames.SnapshotController);
    }
}
