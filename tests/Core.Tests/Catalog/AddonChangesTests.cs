using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary>The plan's "add-on versions before -> after" for a blue 1.32 cluster replaced by a green 1.35 one.</summary>
public sealed class AddonChangesTests
{
    private static readonly VersionCatalog Catalog = VersionCatalog.Embedded;
    private static readonly KubernetesVersion Blue = new(1, 32);
    private static readonly KubernetesVersion Green = new(1, 35);
    private static readonly Dictionary<string, string> NoPins = [];

    [Fact]
    public void Every_add_on_appears_once_in_catalog_order()
    {
        var changes = Catalog.AddonChanges(Blue, NoPins, Green, NoPins).Require().Changes;

        Assert.Equal(AddonNames.All, changes.Select(c => c.Name));
    }

    [Fact]
    public void Cluster_autoscaler_moves_to_the_chart_of_the_green_minor()
    {
        var autoscaler = Change(Catalog.AddonChanges(Blue, NoPins, Green, NoPins).Require(), AddonNames.ClusterAutoscaler);

        Assert.Equal(new AddonChange(AddonNames.ClusterAutoscaler, AddonKind.Helm, "9.46.6", "9.59.0"), autoscaler);
        Assert.True(autoscaler.Changes);
        Assert.Equal("cluster-autoscaler: 9.46.6 -> 9.59.0", autoscaler.ToString());
    }

    [Fact]
    public void An_add_on_pinned_the_same_on_both_minors_is_unchanged()
    {
        var loadBalancer = Change(Catalog.AddonChanges(Blue, NoPins, Green, NoPins).Require(), AddonNames.AwsLoadBalancerController);

        Assert.False(loadBalancer.Changes);
        Assert.Equal("aws-load-balancer-controller: 3.5.0 (unchanged)", loadBalancer.ToString());
    }

    [Fact]
    public void Each_side_applies_its_own_pins()
    {
        var changes = Catalog.AddonChanges(Blue, new Dictionary<string, string> { ["coredns"] = "v1.11.4-eksbuild.2" }, Green, NoPins).Require();

        Assert.Equal(new AddonChange(AddonNames.CoreDns, AddonKind.Managed, "v1.11.4-eksbuild.2", "v1.14.3-eksbuild.3"), Change(changes, AddonNames.CoreDns));
        Assert.True(changes.Before.GetManaged(AddonNames.CoreDns).IsOverridden);
    }

    [Fact]
    public void Bad_pins_on_either_side_are_all_reported()
    {
        var result = Catalog.AddonChanges(
            Blue, new Dictionary<string, string> { ["karpenter"] = "1.0.0" },
            Green, new Dictionary<string, string> { ["kube-proxy"] = "1.35" });

        Assert.Equal(["infra:addons.karpenter", "infra:addons.kube-proxy"], result.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Asking_for_the_add_ons_of_a_minor_outside_the_catalog_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.AddonsFor(new KubernetesVersion(1, 99)));
    }

    private static AddonChange Change(AddonChanges changes, string name) => Assert.Single(changes.Changes, c => c.Name == name);
}
