using System.Collections.Immutable;
using BlueGreen.Core.Kubernetes;

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
public sealed record NewNetwork(string VpcCidr) : NetworkSettings;

public enum SupportPolicy
{
    Standard,
    Extended,
}
