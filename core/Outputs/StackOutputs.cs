using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Outputs;

/// <summary>
/// The outputs of a blue or green cluster stack: a contract with the traffic stack, application pipelines
/// (<c>pulumi stack output --json</c>) and the CLI. Names never change; docs/stack-outputs.md documents each one.
/// </summary>
public static class ClusterStackOutputs
{
    /// <summary>"blue" or "green".</summary>
    public const string Color = "color";

    /// <summary>The control plane's Kubernetes minor ("1.33").</summary>
    public const string KubernetesVersion = "kubernetesVersion";

    /// <summary>The EKS cluster name, with its random suffix.</summary>
    public const string ClusterName = "clusterName";

    /// <summary>The API server URL.</summary>
    public const string Endpoint = "endpoint";

    /// <summary>A kubeconfig for the cluster; a secret output.</summary>
    public const string Kubeconfig = "kubeconfig";

    public const string OidcProviderArn = "oidcProviderArn";

    public const string OidcProviderUrl = "oidcProviderUrl";

    /// <summary>Node group name to its Kubernetes version and, when pinned, AMI release version.</summary>
    public const string NodeGroupVersions = "nodeGroupVersions";

    /// <summary>Add-on name (EKS managed and Helm) to its pinned version.</summary>
    public const string AddonVersions = "addonVersions";

    /// <summary>The DNS name of the entry load balancer, the alias target of this color's weighted record.</summary>
    public const string IngressHostname = "ingressHostname";

    /// <summary>The canonical hosted zone id of the entry load balancer, which a Route53 alias needs with the hostname.</summary>
    public const string IngressHostedZoneId = "ingressHostedZoneId";

    /// <summary>The bucket this color's Velero backs up to and restores from: the shared stack's <see cref="SharedStackOutputs.BackupBucket"/>.</summary>
    public const string BackupBucket = "backupBucket";

    public static readonly ImmutableArray<string> All =
    [
        Color, KubernetesVersion, ClusterName, Endpoint, Kubeconfig, OidcProviderArn, OidcProviderUrl,
        NodeGroupVersions, AddonVersions, IngressHostname, IngressHostedZoneId, BackupBucket,
    ];

    /// <summary>The outputs Pulumi must store encrypted and hide in previews.</summary>
    public static readonly ImmutableArray<string> Secret = [Kubeconfig];
}

/// <summary>The outputs of the traffic stack; docs/stack-outputs.md documents each one.</summary>
public static class TrafficStackOutputs
{
    /// <summary>The fully qualified name the weighted records serve ("app.example.com").</summary>
    public const string RecordName = "recordName";

    /// <summary>The weights in force: <c>{"blue": 100, "green": 0}</c>.</summary>
    public const string Weights = "weights";

    /// <summary>The color with the larger weight (blue on a tie).</summary>
    public const string ActiveColor = "activeColor";

    /// <summary>Color to the Route53 health check id of that color's record.</summary>
    public const string HealthCheckIds = "healthCheckIds";

    public static readonly ImmutableArray<string> All = [RecordName, Weights, ActiveColor, HealthCheckIds];
}

/// <summary>The outputs of the shared stack, which outlives both colors; docs/stack-outputs.md documents each one.</summary>
public static class SharedStackOutputs
{
    /// <summary>
    /// The stack name the cluster stacks read the shared stack under, in their own organization and project
    /// (<c>acme/infra/shared</c>).
    /// </summary>
    public const string StackName = "shared";

    /// <summary>The S3 bucket (versioned, encrypted, never public) both colors' Velero back up to, each under its color's prefix.</summary>
    public const string BackupBucket = "backupBucket";

    public static readonly ImmutableArray<string> All = [BackupBucket];

    /// <summary>The fully qualified name of the shared stack beside a cluster stack of that organization and project.</summary>
    public static string QualifiedName(string organization, string project) => $"{organization}/{project}/{StackName}";

    /// <summary>The shared stack of the organization and project of another stack's name (<c>acme/infra/blue</c> gives <c>acme/infra/shared</c>; <c>blue</c>, <c>shared</c>).</summary>
    public static string Beside(string stack) =>
        stack.Split('/') is [var organization, var project, _] ? QualifiedName(organization, project) : StackName;
}
