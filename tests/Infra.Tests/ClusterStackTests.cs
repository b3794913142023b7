using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using Pulumi;
using Aws = Pulumi.Aws;
using K8s = Pulumi.Kubernetes;

namespace BlueGreen.Infra.Tests;

[Collection(PulumiCollection.Name)]
public class ClusterStackTests
{
    private static readonly KubernetesVersion Blue = new(1, 32);

    [Fact]
    public async Task Control_plane_is_created_at_the_configured_version_never_latest()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var cluster = Assert.Single(run.Mocks.OfType("eks:index:Cluster"));
        Assert.Equal("1.32", cluster.Inputs["version"]);
    }

    [Fact]
    public async Task Each_node_group_is_pinned_to_its_own_version_and_the_catalogs_ami_release()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var groups = run.Mocks.OfType("eks:index:ManagedNodeGroup").ToDictionary(g => g.Name!);
        Assert.Equal("1.32", groups["infra-blue-general"].Inputs["version"]);
        Assert.Equal("1.31", groups["infra-blue-legacy"].Inputs["version"]);
        foreach (var group in groups.Values)
        {
            var version = KubernetesVersion.Parse((string)group.Inputs["version"]);
            var ami = VersionCatalog.Embedded.Find(version)?.AmiReleaseVersion;
            Assert.Equal(ami, group.Inputs.GetValueOrDefault("releaseVersion"));
        }
    }

    [Fact]
    public async Task Every_eks_managed_addon_is_pinned_to_the_catalog_version_of_the_cluster_minor()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var declared = await Task.WhenAll(run.OfType<Aws.Eks.Addon>().Select(async a => (await a.AddonName.GetValueAsync(), await a.AddonVersion.GetValueAsync())));

        var pinned = VersionCatalog.Embedded.AddonsFor(Blue).All.Where(a => a.Kind == AddonKind.Managed).Select(a => (a.Name, a.Version));
        Assert.Equal(pinned.Order(), declared.Order());
    }

    [Fact]
    public async Task Every_helm_chart_is_pinned_to_the_catalog_chart_version_of_the_cluster_minor()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var declared = await Task.WhenAll(run.OfType<K8s.Helm.V3.Release>().Select(async r => (await r.Chart.GetValueAsync(), await r.Version.GetValueAsync())));

        var catalog = VersionCatalog.Embedded.AddonsFor(Blue);
        string[] installed = [AddonNames.AwsLoadBalancerController, AddonNames.ClusterAutoscaler, AddonNames.MetricsServer, AddonNames.Velero];
        Assert.Equal(installed.Select(name => (AddonRegistry.Find(name)!.Source!.Chart, catalog[name].Version)).Order(), declared.Order());
    }

    [Fact]
    public async Task Cluster_autoscaler_runs_the_image_of_the_cluster_minor()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var autoscaler = await ReleaseValues(run, AddonNames.ClusterAutoscaler);

        var tag = (string)((IReadOnlyDictionary<string, object>)autoscaler["image"])["tag"];
        Assert.True(KubernetesVersion.TryParse(tag, out var minor) && minor == Blue, tag);
    }

    [Fact]
    public async Task Upgrade_policy_is_extended_only_where_the_settings_ask_for_it()
    {
        var blue = await StackRun.UpAsync("Pulumi.blue.yaml");
        var green = await StackRun.UpAsync("Pulumi.green.yaml");

        Assert.Equal("EXTENDED", SupportType(blue));
        Assert.Equal("STANDARD", SupportType(green));
    }

    [Fact]
    public async Task Kubernetes_secrets_are_encrypted_with_the_clusters_own_kms_key()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var key = Assert.Single(run.OfType<Aws.Kms.Key>());
        var cluster = Assert.Single(run.Mocks.OfType("eks:index:Cluster"));
        Assert.Equal(await key.Arn.GetValueAsync(), cluster.Inputs["encryptionConfigKeyArn"]);
        Assert.True(await key.EnableKeyRotation.GetValueAsync());
    }

    [Fact]
    public async Task Cluster_uses_api_authentication_an_oidc_provider_and_no_default_node_group()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var cluster = Assert.Single(run.Mocks.OfType("eks:index:Cluster")).Inputs;
        Assert.Equal("API", cluster["authenticationMode"]);
        Assert.Equal(true, cluster["createOidcProvider"]);
        Assert.Equal(true, cluster["skipDefaultNodeGroup"]);
    }

    [Fact]
    public async Task Access_entries_reach_the_cluster_with_their_eks_access_policies_and_scopes()
    {
        var run = await StackRun.UpAsync("Pulumi.green.yaml");

        var entries = Map(Assert.Single(run.Mocks.OfType("eks:index:Cluster")).Inputs["accessEntries"]);

        Assert.Equal(["123456789012-role-app-deploy", "123456789012-role-platform-admin"], entries.Keys.Order());
        var deploy = Map(entries["123456789012-role-app-deploy"]);
        Assert.Equal("arn:aws:iam::123456789012:role/app-deploy", deploy["principalArn"]);
        Assert.Equal("STANDARD", deploy["type"]);
        var edit = Map(Map(deploy["accessPolicies"])["AmazonEKSEditPolicy"]);
        Assert.Equal("arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", edit["policyArn"]);
        Assert.Equal("namespace", Map(edit["accessScope"])["type"]);
        Assert.Equal("shop", string.Join(",", (IEnumerable<object>)Map(edit["accessScope"])["namespaces"]));
        var platform = Map(entries["123456789012-role-platform-admin"]);
        Assert.Equal("arn:aws:iam::123456789012:role/platform/platform-admin", platform["principalArn"]);
        var clusterAdmin = Map(Map(platform["accessPolicies"])["AmazonEKSClusterAdminPolicy"]);
        Assert.Equal("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", clusterAdmin["policyArn"]);
        Assert.Equal("cluster", Map(clusterAdmin["accessScope"])["type"]);
        Assert.False(Map(clusterAdmin["accessScope"]).ContainsKey("namespaces"));
    }

    [Fact]
    public async Task Cluster_name_carries_the_random_suffix_and_tags_carry_color_and_version()
    {
        var run = await StackRun.UpAsync("Pulumi.green.yaml");

        var cluster = Assert.Single(run.Mocks.OfType("eks:index:Cluster")).Inputs;
        Assert.Equal($"infra-green-{StackMocks.RandomSuffix}", cluster["name"]);
        var tags = (IReadOnlyDictionary<string, object>)cluster["tags"];
        Assert.Equal("green", tags["bluegreen/color"]);
        Assert.Equal("1.33", tags["bluegreen/kubernetes-version"]);
    }

    [Fact]
    public async Task No_iam_policy_grants_wildcard_actions()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var documents = (await Task.WhenAll(run.OfType<Aws.Iam.Role>().Select(r => r.AssumeRolePolicy.GetValueAsync())))
            .Concat(await Task.WhenAll(run.OfType<Aws.Iam.RolePolicy>().Select(p => p.Policy.GetValueAsync())))
            .ToList();

        Assert.NotEmpty(documents);
        var actions = documents.SelectMany(Actions).ToList();
        Assert.All(actions, action => Assert.False(action == "*" || action.EndsWith(":*", StringComparison.Ordinal), action));
    }

    [Fact]
    public async Task Kubeconfig_is_a_secret_output()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var kubeconfig = Assert.IsType<Output<string>>(run.Outputs[ClusterStackOutputs.Kubeconfig]);
        Assert.True(await Output.IsSecretAsync(kubeconfig));
    }

    [Fact]
    public async Task Outputs_are_exactly_the_documented_contract()
    {
        var run = await StackRun.UpAsync("Pulumi.green.yaml");

        Assert.Equal(ClusterStackOutputs.All.Order(), run.Outputs.Keys.Order());
    }

    [Fact]
    public async Task Ingress_outputs_are_the_entry_load_balancer_and_its_hosted_zone()
    {
        var run = await StackRun.UpAsync("Pulumi.green.yaml");

        Assert.Equal(StackMocks.IngressHostname, await ((Output<string>)run.Outputs[ClusterStackOutputs.IngressHostname]!).GetValueAsync());
        Assert.Equal(StackMocks.LoadBalancerZoneId, await ((Output<string>)run.Outputs[ClusterStackOutputs.IngressHostedZoneId]!).GetValueAsync());
    }

    [Fact]
    public async Task Kubernetes_objects_the_stack_declares_use_no_api_removed_or_deprecated_in_its_version()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var declared = run.Mocks.Registered
            .Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) && !r.Type.StartsWith("kubernetes:helm.sh", StringComparison.Ordinal))
            .Select(r => new ManifestObject(r.Type!, 0, (string)r.Inputs["apiVersion"], (string)r.Inputs["kind"], r.Name, null))
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Empty(ApiDeprecations.Check(declared, Blue));
    }

    [Fact]
    public async Task Created_network_spans_two_zones_with_public_subnets_tagged_for_load_balancers()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var subnets = await Task.WhenAll(run.OfType<Aws.Ec2.Subnet>().Select(async s => (
            Zone: await s.AvailabilityZone.GetValueAsync(),
            Public: await s.MapPublicIpOnLaunch.GetValueAsync(),
            Tags: await s.Tags.GetValueAsync())));

        Assert.Equal(2, subnets.Where(s => s.Public == true).Select(s => s.Zone).Distinct().Count());
        Assert.Equal(2, subnets.Where(s => s.Public != true).Select(s => s.Zone).Distinct().Count());
        Assert.All(subnets.Where(s => s.Public == true), s => Assert.Equal("1", s.Tags!["kubernetes.io/role/elb"]));
    }

    private static string SupportType(StackRun run)
    {
        var cluster = Assert.Single(run.Mocks.OfType("eks:index:Cluster")).Inputs;
        return (string)((IReadOnlyDictionary<string, object>)cluster["upgradePolicy"])["supportType"];
    }

    /// <summary>An object-typed input as the mocks receive it: Pulumi hands nested inputs over as dictionaries.</summary>
    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static async Task<ImmutableDictionary<string, object>> ReleaseValues(StackRun run, string name)
    {
        foreach (var release in run.OfType<K8s.Helm.V3.Release>())
        {
            if (await release.Name.GetValueAsync() == name)
            {
                return await release.Values.GetValueAsync();
            }
        }

        throw new Xunit.Sdk.XunitException($"No Helm release named {name}.");
    }

    private static IEnumerable<string> Actions(string document) =>
        JsonNode.Parse(document)!["Statement"]!.AsArray().SelectMany(statement => Strings(statement!["Action"]));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray many => many.Select(a => (string)a!),
        JsonValue one => [(string)one!],
        _ => [],
    };
}
