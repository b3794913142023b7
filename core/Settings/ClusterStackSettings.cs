using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>Settings every stack has, whatever its role.</summary>
public abstract record StackSettings
{
    /// <summary>The stack name as Pulumi knows it ("blue", or "acme/infra/blue" when fully qualified).</summary>
    public required string StackName { get; init; }

    /// <summary>The file the settings were read from, when they came from one.</summary>
    public string? File { get; init; }
}

/// <summary>A blue or green cluster stack: one versioned EKS cluster and its add-ons.</summary>
public sealed record ClusterStackSettings : StackSettings
{
    public required Color Color { get; init; }

    public required KubernetesVersion KubernetesVersion { get; init; }

    public required ImmutableArray<NodeGroupSettings> NodeGroups { get; init; }

    /// <summary>Add-on name to a version pinned by the user, overriding the catalog's choice for the cluster's minor.</summary>
    public ImmutableSortedDictionary<string, string> AddonOverrides { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public required NetworkSettings Network { get; init; }

    /// <summary>What EKS does when standard support ends; extended support is opt-in because of its price.</summary>
    public SupportPolicy UpgradePolicy { get; init; } = SupportPolicy.Standard;

    /// <summary>
    /// IAM principals admitted to the cluster besides the identity that runs <c>pulumi up</c>, which pulumi-eks
    /// makes cluster admin: an application pipeline's deploy role, a platform team's role.
    /// </summary>
    public ImmutableArray<AccessEntrySettings> AccessEntries { get; init; } = [];
}

/// <summary>One IAM role or user and what it may do on the cluster, through an EKS access entry.</summary>
public sealed record AccessEntrySettings
{
    public required IamPrincipalArn PrincipalArn { get; init; }

    public required ClusterAccess Access { get; init; }

    /// <summary>The namespaces the access is limited to; empty means the whole cluster.</summary>
    public ImmutableArray<string> Namespaces { get; init; } = [];

    /// <inheritdoc cref="IamPrincipalArn.Id"/>
    public string PrincipalId => PrincipalArn.Id;
}

/// <summary>
/// The Kubernetes access an access entry grants, named after the Kubernetes user-facing cluster roles that EKS's
/// access policies resemble.
/// </summary>
public enum ClusterAccess
{
    /// <summary>Everything, always on the whole cluster.</summary>
    ClusterAdmin,

    /// <summary>What edit grants plus roles and role bindings, on the whole cluster or in some namespaces.</summary>
    Admin,

    /// <summary>Workloads, services, their configuration and secrets, but no RBAC; on the whole cluster or in some namespaces.</summary>
    Edit,

    /// <summary>Read-only, secrets excepted, on the whole cluster or in some namespaces.</summary>
    View,
}

/// <summary>One managed node group; its version is already defaulted to the cluster's when the file did not set one.</summary>
public sealed record NodeGroupSettings
{
    public required string Name { get; init; }

    public required ImmutableArray<string> InstanceTypes { get; init; }

    public required int MinSize { get; init; }

    public required int DesiredSize { get; init; }

    public required int MaxSize { get; init; }

    public required KubernetesVersion KubernetesVersion { get; init; }
}

public abstract record NetworkSettings;

/// <summary>Use a VPC that already exists (<c>infra:vpcId</c> and <c>infra:subnetIds</c>).</summary>
public sealed record ExistingNetwork(string VpcId, ImmutableArray<string> SubnetIds) : NetworkSettings;

/// <summary>Create a VPC from <c>infra:vpcCidr</c>: private subnets for nodes, public ones for load balancers.</summary>
public sealed record NewNetwork(VpcCidr Cidr) : NetworkSettings;

public enum SupportPolicy
{
    Standard,
    Extended,
}

public static class SupportPolicies
{
    /// <summary>The upgrade policy's support type as the EKS API names it.</summary>
    public static string EksSupportType(this SupportPolicy policy) => policy == SupportPolicy.Extended ? "EXTENDED" : "STANDARD";
}
