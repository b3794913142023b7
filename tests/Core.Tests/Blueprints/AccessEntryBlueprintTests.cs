using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Settings;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class AccessEntryBlueprintTests
{
    [Fact]
    public void Access_entries_resolve_to_eks_access_policies_scoped_as_configured()
    {
        var entries = Resolve(Green).AccessEntries;

        Assert.Equal(
            [
                ("123456789012-role-app-deploy", "arn:aws:iam::123456789012:role/app-deploy",
                    "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", "namespace", "shop"),
                ("123456789012-role-platform-admin", "arn:aws:iam::123456789012:role/platform/platform-admin",
                    "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "cluster", ""),
            ],
            entries.Select(e => (e.PrincipalId, e.PrincipalArn.Value, EksAccessPolicies.ArnOf(e.Access), EksAccessPolicies.ScopeTypeOf(e), string.Join(",", e.Namespaces))));
    }

    [Theory]
    [InlineData(ClusterAccess.ClusterAdmin, "AmazonEKSClusterAdminPolicy")]
    [InlineData(ClusterAccess.Admin, "AmazonEKSAdminPolicy")]
    [InlineData(ClusterAccess.Edit, "AmazonEKSEditPolicy")]
    [InlineData(ClusterAccess.View, "AmazonEKSViewPolicy")]
    public void Each_access_is_the_eks_access_policy_of_its_name(ClusterAccess access, string policy)
    {
        Assert.True(IamPrincipalArn.TryParse("arn:aws:iam::123456789012:user/alice", out var alice, out _));
        var settings = Blue with { AccessEntries = [new AccessEntrySettings { PrincipalArn = alice, Access = access }] };

        var entry = Assert.Single(Resolve(settings).AccessEntries);

        Assert.Equal($"arn:aws:eks::aws:cluster-access-policy/{policy}", EksAccessPolicies.ArnOf(entry.Access));
        Assert.Equal("cluster", EksAccessPolicies.ScopeTypeOf(entry));
    }

    [Fact]
    public void Stack_without_access_entries_admits_only_the_cluster_creator()
    {
        Assert.Empty(Resolve(Blue).AccessEntries);
    }
}
