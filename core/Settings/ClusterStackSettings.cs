using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>Settings every stack has, whatever its role.</summary>
public abstract record StackSettings
{
    /// <summary>The configuration the settings were parsed from, which locates every problem found in them later.</summary>
    public required StackConfig Source { get; init; }

    /// <summary>The stack name as Pulumi knows it ("blue", or "acme/infra/blue" when fully qualified).</summary>
    public string StackName => Source.StackName;

    /// <summary>The file the settings were read from, when they came from one.</summary>
    public string? File => Source.File;
}

/// <summary>
/// A blue or green cluster stack's settings as parsed: each key's value when its shape is right, absent when it is not
/// (its problem is among the parse's). Resolution judges whatever is here, and builds a blueprint only from a complete parse.
/// </summary>
public sealed record ClusterStackSettings : StackSettings
{
    public Color? Color { get; init; }

    public KubernetesVersion? KubernetesVersion { get; init; }

    /// <summary>One per entry of <c>infra:nodeGroups</c>, in order.</summary>
    public ImmutableArray<NodeGroupSettings> NodeGroups { get; init; } = [];

    /// <summary>Add-on name to a version pinned by the user, overriding the catalog's choice for the cluster's minor (the well-formed entries).</summary>
    public ImmutableSortedDictionary<string, string> AddonOverrides { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public NetworkSettings? Network { get; init; }

    /// <summary>What EKS does when standard support ends (standard when unset); extended support is opt-in because of its price.</summary>
    public SupportPolicy? UpgradePolicy { get; init; } = SupportPolicy.Standard;

    /// <summary>
    /// IAM principals admitted to the cluster besides the identity that runs <c>pulumi up</c>, which pulumi-eks
    /// makes cluster admin: an application pipeline's deploy role, a platform team's role. The entries that parsed.
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

/// <summary>One entry of <c>infra:nodeGroups</c>: each field as parsed, absent when it is not valid.</summary>
public sealed record NodeGroupSettings
{
    public string? Name { get; init; }

    public ImmutableArray<string>? InstanceTypes { get; init; }

    public int? MinSize { get; init; }

    public int? DesiredSize { get; init; }

    public int? MaxSize { get; init; }

    /// <summary>The minor written for the group; absent means the cluster's (or one that did not parse).</summary>
    public KubernetesVersion? KubernetesVersion { get; init; }
}

public abstract record NetworkSettings;

/// <summary>Use a VPC that already exists (<c>infra:vpcId</c> and <c>infra:subnetIds</c>).</summary>
public sealed record ExistingNetwork(string VpcId, ImmutableArray<string> SubnetIds) : NetworkSettings;

/// <summary>Create a VPC from <c>infra:vpcCidr</c>: private subnets for nodes, public ones for load balancers.</summary>
public sealed record NewNetwork(VpcCidr Cidr) : NetworkSettings
{
    /// <summary>EKS requires subnets in at least two availability zones; two keeps the NAT gateway count (and cost) lowest.</summary>
    public const int ZoneCount = 2;

    /// <summary>The zones <c>infra:availabilityZones</c> names, in its order; empty lets resolution choose from the region's.</summary>
    public ImmutableArray<AvailabilityZone> AvailabilityZones { get; init; } = [];
}

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
