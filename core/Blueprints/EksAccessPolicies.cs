using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// The EKS access policies, in the commercial partition, as
/// https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html lists them. They are not IAM policies:
/// EKS authorizes Kubernetes requests with them, much as the Kubernetes user-facing cluster roles of the same names.
/// </summary>
public static class EksAccessPolicies
{
    public const string ClusterAdmin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    public const string Admin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
    public const string Edit = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
    public const string View = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

    /// <summary>The one EKS access policy an access entry's access stands for.</summary>
    public static string ArnOf(ClusterAccess access) => access switch
    {
        ClusterAccess.ClusterAdmin => ClusterAdmin,
        ClusterAccess.Admin => Admin,
        ClusterAccess.Edit => Edit,
        ClusterAccess.View => View,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, "Unknown cluster access."),
    };

    /// <summary>The access scope type as the EKS API names it: <c>namespace</c> when the entry lists namespaces, <c>cluster</c> otherwise.</summary>
    public static string ScopeTypeOf(AccessEntrySettings entry) => entry.Namespaces.IsEmpty ? "cluster" : "namespace";
}
