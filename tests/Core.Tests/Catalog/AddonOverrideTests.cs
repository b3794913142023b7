using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary><c>infra:addons</c> pins applied over the catalog's choice for Kubernetes 1.33.</summary>
public sealed class AddonOverrideTests
{
    private static readonly AddonVersions Catalog133 = VersionCatalog.Embedded.AddonsFor(new KubernetesVersion(1, 33));

    private static Dictionary<string, string> Pins(params (string Name, string Version)[] pins) =>
        pins.ToDictionary(p => p.Name, p => p.Version);

    [Fact]
    public void Without_overrides_the_catalog_versions_stand()
    {
        var result = Catalog133.WithOverrides(Pins());

        Assert.True(result.IsValid);
        Assert.Equal(Catalog133.All.Select(a => a.Version), result.Require().All.Select(a => a.Version));
        Assert.All(result.Require().All, a => Assert.False(a.IsOverridden));
    }

    [Fact]
    public void A_managed_add_on_pin_replaces_its_version_and_leaves_the_others()
    {
        var pinned = Catalog133.WithOverrides(Pins(("coredns", "v1.11.4-eksbuild.24"))).Require();

        var coreDns = pinned[AddonNames.CoreDns];
        Assert.Equal("v1.11.4-eksbuild.24", coreDns.Version);
        Assert.True(coreDns.IsOverridden);
        Assert.Equal(Catalog133[AddonNames.VpcCni], pinned[AddonNames.VpcCni]);
        Assert.Single(pinned.All, a => a.IsOverridden);
    }

    [Fact]
    public void A_chart_pin_to_another_version_leaves_the_app_version_unknown()
    {
        var chart = Catalog133.WithOverrides(Pins(("metrics-server", "3.12.0"))).Require()[AddonNames.MetricsServer];

        Assert.Equal("3.12.0", chart.Version);
        Assert.Null(chart.AppVersion);
        Assert.True(chart.IsOverridden);
        Assert.Equal("https://kubernetes-sigs.github.io/metrics-server/", chart.Definition.Source?.Repository);
    }

    [Fact]
    public void A_pin_of_external_dns_is_rejected_because_nothing_installs_it()
    {
        var error = Assert.Single(Catalog133.WithOverrides(Pins(("external-dns", "1.21.1"))).Errors);

        Assert.Equal((ProblemCodes.AddonNotInstalled, "infra:addons.external-dns"), (error.Code, error.Key));
    }

    [Fact]
    public void External_dns_is_absent_from_the_catalog()
    {
        Assert.All(VersionCatalog.Embedded.Releases, release => Assert.DoesNotContain(release.Addons.All, a => a.Name == AddonNames.ExternalDns));
    }

    [Fact]
    public void A_chart_pin_to_the_catalog_version_keeps_the_known_app_version()
    {
        var chart = Catalog133.WithOverrides(Pins(("cluster-autoscaler", "9.51.0"))).Require()[AddonNames.ClusterAutoscaler];

        Assert.Equal("1.33.0", chart.AppVersion);
        Assert.True(chart.IsOverridden);
    }

    [Fact]
    public void A_pin_is_trimmed_of_surrounding_spaces()
    {
        var pinned = Catalog133.WithOverrides(Pins(("kube-proxy", " v1.33.5-eksbuild.2 "))).Require();

        Assert.Equal("v1.33.5-eksbuild.2", pinned[AddonNames.KubeProxy].Version);
    }

    [Fact]
    public void An_unknown_add_on_name_is_an_error_naming_the_key_the_value_and_the_known_names()
    {
        var result = Catalog133.WithOverrides(Pins(("corends", "v1.11.4-eksbuild.24")));

        var error = Assert.Single(result.Errors);
        Assert.False(result.IsValid);
        Assert.Equal("infra:addons.corends", error.Key);
        Assert.Equal("v1.11.4-eksbuild.24", error.Value);
        Assert.Contains("unknown add-on 'corends'", error.Message);
        Assert.Contains("coredns", error.Message);
    }

    [Fact]
    public void Valid_pins_still_apply_next_to_an_unknown_name_so_a_plan_can_show_them()
    {
        var result = Catalog133.WithOverrides(Pins(("corends", "v1.11.4-eksbuild.24"), ("metrics-server", "3.12.2")));

        Assert.False(result.IsValid);
        Assert.Equal("3.12.2", result.Value![AddonNames.MetricsServer].Version);
    }

    [Fact]
    public void A_managed_add_on_pinned_to_something_other_than_an_eks_build_is_an_error()
    {
        var error = Assert.Single(Catalog133.WithOverrides(Pins(("vpc-cni", "1.20.4"))).Errors);

        Assert.Equal("infra:addons.vpc-cni", error.Key);
        Assert.Contains("EKS managed add-on", error.Message);
        Assert.Contains("v1.22.4-eksbuild.3", error.Message);
    }

    [Fact]
    public void A_chart_pinned_to_an_image_tag_is_an_error()
    {
        var error = Assert.Single(Catalog133.WithOverrides(Pins(("cluster-autoscaler", "v1.33.0"))).Errors);

        Assert.Equal("infra:addons.cluster-autoscaler", error.Key);
        Assert.Contains("chart version such as 9.51.0", error.Message);
    }

    [Fact]
    public void Every_bad_pin_is_reported_at_once()
    {
        var result = Catalog133.WithOverrides(Pins(("corends", "v1.11.4-eksbuild.24"), ("vpc-cni", "latest"), ("external-dns", "")));

        Assert.Equal(
            ["infra:addons.corends", "infra:addons.external-dns", "infra:addons.vpc-cni"],
            result.Errors.Select(e => e.Key));
    }
}
