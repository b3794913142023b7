using System.Collections.Immutable;

namespace BlueGreen.Core.Catalog;

/// <summary>
/// An IAM role for one Kubernetes service account (IRSA): who may assume it, and what it may do, either through
/// AWS managed policies or through one of this project's own least-privilege documents.
/// </summary>
public sealed record ServiceAccountRole
{
    public required string Namespace { get; init; }

    public required string ServiceAccount { get; init; }

    public ImmutableArray<string> ManagedPolicyArns { get; init; } = [];

    /// <summary>The project's own policy document for this role, rendered for the cluster by <c>PolicyDocuments.Render</c>.</summary>
    public PolicyTemplate? Policy { get; init; }

    /// <summary>The subject the OIDC token carries for this service account, as the role's trust policy must name it.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{ServiceAccount}";
}

/// <summary>The IAM policy documents this project ships as data (<c>*.policy.json</c> embedded in the core).</summary>
public enum PolicyTemplate
{
    /// <summary>The upstream least-privilege policy of the AWS Load Balancer Controller version the catalog pins.</summary>
    AwsLoadBalancerController,

    /// <summary>The cluster-autoscaler policy, its write actions limited to this cluster's tagged Auto Scaling groups.</summary>
    ClusterAutoscaler,

    /// <summary>Velero's AWS plugin: EBS snapshots, and objects in the one backup bucket the shared stack owns.</summary>
    Velero,
}

/// <summary>AWS managed policies the cluster's roles attach, by ARN in the commercial partition.</summary>
internal static class AwsManagedPolicies
{
    // https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html
    public const string VpcCni = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

    // https://docs.aws.amazon.com/eks/latest/userguide/add-ons-aws-ebs-csi-driver.html
    public const string EbsCsiDriver = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

    // https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html: what every managed node needs to join and pull images.
    public const string WorkerNode = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy";
    public const string ContainerRegistryReadOnly = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
}
