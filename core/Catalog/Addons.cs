using System.Collections.Immutable;

namespace BlueGreen.Core.Catalog;

/// <summary>
/// The add-ons every cluster gets. The names are a contract with the Pulumi layer, which installs each one its own way,
/// and with <c>infra:addons</c>, whose keys must be one of them.
/// </summary>
public static class AddonNames
{
    public const string VpcCni = "vpc-cni";
    public const string CoreDns = "coredns";
    public const string KubeProxy = "kube-proxy";
    public const string EbsCsiDriver = "aws-ebs-csi-driver";
    public const string ClusterAutoscaler = "cluster-autoscaler";
    public const string MetricsServer = "metrics-server";
    public const string AwsLoadBalancerController = "aws-load-balancer-controller";

    /// <summary>Installed as EKS managed add-ons: AWS builds and versions them (<c>v1.19.2-eksbuild.1</c>).</summary>
    public static readonly ImmutableArray<string> Managed = [VpcCni, CoreDns, KubeProxy, EbsCsiDriver];

    /// <summary>Installed as Helm releases from their upstream chart repositories.</summary>
    public static readonly ImmutableArray<string> Helm = [ClusterAutoscaler, MetricsServer, AwsLoadBalancerController];

    public static readonly ImmutableArray<string> All = [.. Managed, .. Helm];
}

public enum AddonKind
{
    Managed,
    Helm,
}

/// <summary>One add-on pinned to one version, either by the catalog for a Kubernetes minor or by the user.</summary>
public abstract record Addon
{
    public required string Name { get; init; }

    /// <summary>The EKS add-on version for a managed add-on, the chart version for a Helm chart.</summary>
    public required string Version { get; init; }

    /// <summary>True when the version comes from <c>infra:addons</c> rather than from the catalog.</summary>
    public bool IsOverridden { get; init; }

    public abstract AddonKind Kind { get; }
}

/// <summary>An EKS managed add-on; <see cref="Addon.Name"/> is the EKS add-on name.</summary>
public sealed record ManagedAddon : Addon
{
    public override AddonKind Kind => AddonKind.Managed;
}

/// <summary>A Helm chart; <see cref="Addon.Version"/> is the chart version, which is what Helm pins.</summary>
public sealed record HelmChart : Addon
{
    public override AddonKind Kind => AddonKind.Helm;

    /// <summary>The chart repository URL (<c>https://kubernetes.github.io/autoscaler</c>).</summary>
    public required string Repository { get; init; }

    /// <summary>The chart's name inside its repository.</summary>
    public required string Chart { get; init; }

    /// <summary>
    /// The version of the software the chart installs. Null when the user pinned another chart version:
    /// the catalog only knows the app version of the charts it lists.
    /// </summary>
    public string? AppVersion { get; init; }
}

/// <summary>How one add-on's version moves between two clusters (blue's to green's).</summary>
public sealed record AddonChange(string Name, AddonKind Kind, string Before, string After)
{
    public bool Changes => !string.Equals(Before, After, StringComparison.Ordinal);

    public override string ToString() => Changes ? $"{Name}: {Before} -> {After}" : $"{Name}: {Before} (unchanged)";
}
