using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// Everything a blue or green cluster stack declares, decided: every version pinned, every role's permissions chosen,
/// the network laid out. The Pulumi components only translate it into resources; they decide nothing the core could.
/// </summary>
public sealed record ClusterBlueprint
{
    /// <summary>The base name of the cluster and its resources ("infra-blue"); the Pulumi layer appends a random suffix.</summary>
    public required string Name { get; init; }

    public required Color Color { get; init; }

    public required KubernetesVersion KubernetesVersion { get; init; }

    /// <summary>What EKS does when standard support ends (<see cref="SupportPolicies.EksSupportType"/> names it for the EKS API).</summary>
    public required SupportPolicy UpgradePolicy { get; init; }

    public required ImmutableArray<NodeGroupBlueprint> NodeGroups { get; init; }

    /// <summary>The EKS managed add-ons, each pinned; its definition says its IAM role and whether it is installed before the nodes.</summary>
    public required ImmutableArray<Addon> ManagedAddons { get; init; }

    public required ImmutableArray<ChartBlueprint> Charts { get; init; }

    public required IngressBlueprint Ingress { get; init; }

    public required NetworkBlueprint Network { get; init; }

    /// <summary>Control-plane log types sent to CloudWatch.</summary>
    public required ImmutableArray<string> ControlPlaneLogTypes { get; init; }

    /// <summary>
    /// IAM principals admitted to the cluster through access entries, besides the identity that creates it (which
    /// pulumi-eks admits as cluster admin by itself).
    /// </summary>
    public required ImmutableArray<AccessEntrySettings> AccessEntries { get; init; }

    /// <summary>The AWS managed policies of the role every managed node group's instances use.</summary>
    public required ImmutableArray<string> NodeRolePolicyArns { get; init; }

    /// <summary>Tags on every AWS resource of the cluster, carrying its color and version.</summary>
    public required ImmutableSortedDictionary<string, string> Tags { get; init; }

    /// <summary>The node groups' versions as the stack outputs report them (name to Kubernetes version and AMI release).</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> NodeGroupVersions =>
        NodeGroups.ToImmutableSortedDictionary(
            group => group.Name,
            group => group.AmiReleaseVersion is { } ami
                ? ImmutableSortedDictionary<string, string>.Empty.Add("kubernetesVersion", group.KubernetesVersion.ToString()).Add("amiReleaseVersion", ami)
                : ImmutableSortedDictionary<string, string>.Empty.Add("kubernetesVersion", group.KubernetesVersion.ToString()),
            StringComparer.Ordinal);

    /// <summary>Every installed add-on, EKS managed and Helm, in registry order.</summary>
    public IEnumerable<Addon> Addons => ManagedAddons.Concat(Charts.Select(c => c.Addon));

    /// <summary>Every installed add-on to its pinned version, as the stack outputs report them.</summary>
    public ImmutableSortedDictionary<string, string> AddonVersions =>
        Addons.ToImmutableSortedDictionary(a => a.Name, a => a.Version, StringComparer.Ordinal);

    /// <summary>The Kubernetes objects the Pulumi layer declares itself (besides Helm charts), for the deprecated-API check.</summary>
    public ImmutableArray<ManifestObject> DeclaredObjects =>
        [new ManifestObject(nameof(ClusterBlueprint), 0, IngressBlueprint.ApiVersion, IngressBlueprint.Kind, Ingress.Name, Ingress.Namespace)];

    /// <summary>
    /// Resolves validated cluster settings against the version catalog. Settings validation has already accepted the
    /// version and the pins, so the problems here are the catalog's own gaps (a minor it does not know, a
    /// cluster-autoscaler whose minor differs from the cluster's) and pins the catalog cannot apply.
    /// </summary>
    /// <param name="project">The Pulumi project name, the first part of every resource name.</param>
    public static Validated<ClusterBlueprint> Resolve(ClusterStackSettings settings, VersionCatalog catalog, string project) =>
        BlueprintResolver.Resolve(settings, catalog, project);
}

/// <summary>
/// One managed node group as its settings give it, with what resolution adds: the AMI release the catalog pins for its
/// version (<c>1.33.5-20251023</c>; absent lets EKS pick the newest) and the labels on its nodes.
/// </summary>
public sealed record NodeGroupBlueprint(NodeGroupSettings Settings, string? AmiReleaseVersion, ImmutableSortedDictionary<string, string> Labels)
{
    public string Name => Settings.Name;

    public ImmutableArray<string> InstanceTypes => Settings.InstanceTypes;

    public int MinSize => Settings.MinSize;

    public int DesiredSize => Settings.DesiredSize;

    public int MaxSize => Settings.MaxSize;

    public KubernetesVersion KubernetesVersion => Settings.KubernetesVersion;
}

/// <summary>The tag and label keys the cluster's resources carry.</summary>
public static class BlueprintTags
{
    public const string Color = "bluegreen/color";
    public const string KubernetesVersion = "bluegreen/kubernetes-version";
    public const string Stack = "bluegreen/stack";
    public const string NodeGroup = "bluegreen/node-group";
}
