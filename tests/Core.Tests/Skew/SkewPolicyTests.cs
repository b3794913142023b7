using BlueGreen.Core.Model;
using BlueGreen.Core.Skew;

namespace BlueGreen.Core.Tests.Skew;

public class SkewPolicyTests
{
    private static readonly SkewPolicy Policy = SkewPolicy.Embedded;

    private static KubernetesVersion V(string text) => KubernetesVersion.Parse(text);

    [Fact]
    public void Kubelet_three_minors_older_is_supported_from_control_plane_1_28()
    {
        Assert.True(Policy.Check(SkewPolicy.Kubelet, V("1.25"), V("1.28")).IsSupported);
    }

    [Fact]
    public void Kubelet_three_minors_older_is_too_old_before_control_plane_1_28()
    {
        var verdict = Policy.Check(SkewPolicy.Kubelet, V("1.24"), V("1.27"));

        Assert.Equal(SkewOutcome.TooOld, verdict.Outcome);
    }

    [Fact]
    public void Kubelet_four_minors_older_is_too_old()
    {
        Assert.Equal(SkewOutcome.TooOld, Policy.Check(SkewPolicy.Kubelet, V("1.31"), V("1.35")).Outcome);
    }

    [Fact]
    public void Kubelet_newer_than_the_control_plane_is_never_supported()
    {
        Assert.Equal(SkewOutcome.TooNew, Policy.Check(SkewPolicy.Kubelet, V("1.34"), V("1.33")).Outcome);
    }

    [Fact]
    public void Kube_proxy_follows_the_kubelet_rule()
    {
        Assert.True(Policy.Check(SkewPolicy.KubeProxy, V("1.32"), V("1.35")).IsSupported);
        Assert.False(Policy.Check(SkewPolicy.KubeProxy, V("1.36"), V("1.35")).IsSupported);
    }

    [Theory]
    [InlineData("1.34", true)]
    [InlineData("1.36", true)]
    [InlineData("1.33", false)]
    [InlineData("1.37", false)]
    public void Kubectl_may_be_one_minor_either_side(string kubectl, bool supported)
    {
        Assert.Equal(supported, Policy.Check(SkewPolicy.Kubectl, V(kubectl), V("1.35")).IsSupported);
    }

    [Fact]
    public void Upgrade_path_lists_the_minors_it_skips()
    {
        var path = UpgradePath.Between(V("1.32"), V("1.35"), Policy);

        Assert.Equal([V("1.33"), V("1.34")], path.Skipped.ToArray());
        Assert.Equal(3, path.Minors);
    }

    [Fact]
    public void Jump_of_more_than_two_minors_needs_one_kubectl_per_cluster()
    {
        var path = UpgradePath.Between(V("1.32"), V("1.35"), Policy);

        Assert.Contains(path.Notes, n => n.Contains("no single kubectl version"));
    }

    [Fact]
    public void Jump_of_two_minors_names_the_kubectl_that_serves_both()
    {
        var path = UpgradePath.Between(V("1.33"), V("1.35"), Policy);

        Assert.Contains("kubectl 1.34 works with both clusters", path.Notes);
    }

    [Fact]
    public void Same_version_on_both_sides_is_a_rebuild()
    {
        var path = UpgradePath.Between(V("1.35"), V("1.35"), Policy);

        Assert.False(path.IsUpgrade);
        Assert.Contains(path.Notes, n => n.Contains("rebuild"));
    }
}
