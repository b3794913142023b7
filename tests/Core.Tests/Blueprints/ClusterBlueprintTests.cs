using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class ClusterBlueprintTests
{
    [Fact]
    public void Cluster_is_pinned_to_the_configured_version_and_named_after_project_and_color()
    {
        var blueprint = Resolve(Green);

        Assert.Equal(new KubernetesVersion(1, 33), blueprint.KubernetesVersion);
        Assert.Equal("infra-green", blueprint.Name);
        Assert.Equal(Color.Green, blueprint.Color);
    }

    [Fact]
    public void Upgrade_policy_is_standard_unless_the_settings_ask_for_extended()
    {
        Assert.Equal("STANDARD", Resolve(Green).UpgradePolicy.EksSupportType());
        Assert.Equal("EXTENDED", Resolve(Blue).UpgradePolicy.EksSupportType());
    }

    [Fact]
    public void Tags_carry_color_version_and_stack()
    {
        var tags = Resolve(Blue).Tags;

        Assert.Equal("blue", tags[BlueprintTags.Color]);
        Assert.Equal("1.32", tags[BlueprintTags.KubernetesVersion]);
        Assert.Equal("blue", tags[BlueprintTags.Stack]);
    }

    [Fact]
    public void Every_control_plane_log_type_is_enabled()
    {
        Assert.Equal<string>(["api", "audit", "authenticator", "controllerManager", "scheduler"], Resolve(Blue).ControlPlaneLogTypes);
    }

    [Fact]
    public void Node_group_keeps_its_own_version_when_it_lags_the_control_plane()
    {
        var groups = Resolve(Blue).NodeGroups.ToDictionary(g => g.Name);

        Assert.Equal(new KubernetesVersion(1, 32), groups["general"].KubernetesVersion);
        Assert.Equal(new KubernetesVersion(1, 31), groups["legacy"].KubernetesVersion);
    }

    [Fact]
    public void Node_group_is_pinned_to_the_ami_release_the_catalog_has_for_its_minor()
    {
        var general = Resolve(Blue).NodeGroups.Single(g => g.Name == "general");

        Assert.Equal("1.32.9-20251023", general.AmiReleaseVersion);
    }

    [Fact]
    public void Node_group_on_a_minor_without_catalog_ami_leaves_the_ami_to_eks()
    {
        var legacy = Resolve(Blue).NodeGroups.Single(g => g.Name == "legacy");

        Assert.Null(legacy.AmiReleaseVersion);
    }

    [Fact]
    public void Node_group_keeps_its_sizes_and_instance_types()
    {
        var general = Resolve(Blue).NodeGroups.Single(g => g.Name == "general");

        Assert.Equal<string>(["m6i.large", "m6a.large"], general.InstanceTypes);
        Assert.Equal((3, 3, 9), (general.MinSize, general.DesiredSize, general.MaxSize));
    }

    [Fact]
    public void Node_versions_output_lists_each_group_with_its_ami_release_when_pinned()
    {
        var versions = Resolve(Blue).NodeGroupVersions;

        Assert.Equal("1.32", versions["general"]["kubernetesVersion"]);
        Assert.Equal("1.32.9-20251023", versions["general"]["amiReleaseVersion"]);
        Assert.False(versions["legacy"].ContainsKey("amiReleaseVersion"));
    }

    [Fact]
    public void Managed_addons_are_the_catalog_versions_of_the_cluster_minor()
    {
        var expected = FixtureCatalog.AddonsFor(new KubernetesVersion(1, 33)).All.Where(a => a.Kind == AddonKind.Managed).ToDictionary(a => a.Name, a => a.Version);

        var actual = Resolve(Green).ManagedAddons.ToDictionary(a => a.Name, a => a.Version);

        Assert.Equal(expected, actual);
        Assert.Equal(AddonRegistry.Installed.Where(a => a.Kind == AddonKind.Managed && !a.OptionalPerMinor).Select(a => a.Name).Order(), actual.Keys.Order());
    }

    [Fact]
    public void Charts_are_the_catalog_chart_versions_of_the_cluster_minor()
    {
        var catalog = FixtureCatalog.AddonsFor(new KubernetesVersion(1, 32));

        foreach (var chart in Resolve(Blue).Charts)
        {
            Assert.Equal(catalog[chart.Name].Version, chart.Version);
        }
    }

    [Fact]
    public void A_user_pin_replaces_the_catalog_version()
    {
        var metricsServer = Resolve(Green).Charts.Single(c => c.Name == AddonNames.MetricsServer);

        Assert.Equal("3.12.2", metricsServer.Version);
        Assert.Equal("3.12.2", Resolve(Green).AddonVersions[AddonNames.MetricsServer]);
    }

    [Fact]
    public void A_pin_for_an_unknown_addon_is_an_error_naming_its_key()
    {
        var settings = Green with { AddonOverrides = Green.AddonOverrides.Add("istio", "1.24.0") };

        var result = Check(settings, FixtureCatalog);

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Errors);
        Assert.Equal("infra:addons.istio", problem.Key);
        Assert.EndsWith("Pulumi.green.yaml", problem.File);
    }

    [Fact]
    public void External_dns_is_not_installed_because_the_traffic_stack_owns_the_public_records()
    {
        var blueprint = Resolve(Green);

        Assert.DoesNotContain(blueprint.Charts, c => c.Name == AddonNames.ExternalDns);
        Assert.False(blueprint.AddonVersions.ContainsKey(AddonNames.ExternalDns));
    }

    [Fact]
    public void Addon_versions_output_lists_every_installed_addon()
    {
        var expected = new[]
        {
            AddonNames.VpcCni, AddonNames.CoreDns, AddonNames.KubeProxy, AddonNames.EbsCsiDriver,
            AddonNames.ClusterAutoscaler, AddonNames.MetricsServer, AddonNames.AwsLoadBalancerController, AddonNames.Velero,
        };

        Assert.Equal(expected.Order(), Resolve(Green).AddonVersions.Keys);
    }

    [Fact]
    public void Version_outside_the_catalog_is_an_error_on_the_version_key()
    {
        var settings = Green with { KubernetesVersion = new KubernetesVersion(1, 27) };

        var problem = Assert.Single(Check(settings, FixtureCatalog).Errors);

        Assert.Equal(SettingKeys.KubernetesVersion, problem.Key);
        Assert.Equal("1.27", problem.Value);
    }

    [Fact]
    public void The_embedded_catalog_resolves_every_minor_it_knows_on_the_day_it_is_released()
    {
        foreach (var release in VersionCatalog.Embedded.Releases)
        {
            var (version, settings) = (release.Version, Green with { KubernetesVersion = release.Version });

            var result = Check(settings, VersionCatalog.Embedded, release.Released);

            Assert.True(result.IsValid, $"{version}: {string.Join("; ", result.Errors)}");
        }
    }
}
