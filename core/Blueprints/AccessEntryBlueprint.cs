using System.Collections.Immutable;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// One IAM principal admitted to the cluster through an EKS access entry (type STANDARD), with the one EKS access
/// policy its settings chose and the scope it applies to.
/// </summary>
public sealed record AccessEntryBlueprint
{
    /// <summary>
    /// Names the entry and its resources (<c>123456789012-role-app-deploy</c>). It follows the principal, not its place
    /// in the list, so reordering the settings replaces nothing.
    /// </summary>
    public required string Key { get; init; }

    public required string PrincipalArn { get; init; }

    /// <summary>An EKS access policy, <c>arn:aws:eks::aws:cluster-access-policy/…</c>.</summary>
    public required string PolicyArn { get; init; }

    /// <summary><c>cluster</c> or <c>namespace</c>, as the EKS API names access scope types.</summary>
    public required string ScopeType { get; init; }

    /// <summary>The namespaces of a <c>namespace</c> scope; empty for the whole cluster.</summary>
    public ImmutableArray<string> Namespaces { get; init; } = [];

    internal static AccessEntryBlueprint From(AccessEntrySettings entry) => new()
    {
        Key = entry.PrincipalId,
        PrincipalArn = entry.PrincipalArn,
        PolicyArn = entry.Access switch
        {
            ClusterAccess.ClusterAdmin => EksAccessPolicies.ClusterAdmin,
            ClusterAccess.Admin => EksAccessPolicies.Admin,
            ClusterAccess.Edit => EksAccessPolicies.Edit,
            ClusterAccess.View => EksAccessPolicies.View,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Access, "Unknown cluster access."),
        },
        ScopeType = entry.Namespaces.IsEmpty ? "cluster" : "namespace",
        Namespaces = entry.Namespaces,
    };
}

/// <summary>
/// The EKS access policies, in the commercial partition, as
/// https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html lists them. They are not IAM policies:
/// EKS authorizes Kubernetes requests with them, much as the Kubernetes user-facing cluster roles of the same names.
/// </summary>
internal static class EksAccessPolicies
{
    public const string ClusterAdmin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    public const string Admin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
    public const string Edit = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
    public const string View = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
}
