using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Blueprints;

internal static class BlueprintResolver
{
    private const string KubeSystem = "kube-system";

    // The five control-plane log types EKS offers; an upgrade is exactly when the audit and API logs are wanted.
    private static readonly ImmutableArray<string> AllControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    private static readonly ImmutableArray<string> RoleArnAnnotation = ["annotations", "eks.amazonaws.com/role-arn"];

    public static Validated<ClusterBlueprint> Resolve(ClusterStackSettings settings, VersionCatalog catalog, string project)
    {
        var version = settings.KubernetesVersion;
        if (catalog.Find(version) is not { } release)
        {
            return Validated<ClusterBlueprint>.Invalid(
            [
                Problem.Error(ProblemCodes.CatalogUnknownVersion, SettingKeys.KubernetesVersion, version.ToString(),
                    $"is not in the version catalog (it knows {string.Join(", ", catalog.Versions)}), so no add-on version can be pinned for it.") with { File = settings.File },
            ]);
        }

        var pinned = release.Addons.WithOverrides(settings.AddonOverrides);
        var problems = pinned.Problems.Select(p => p with { File = p.File ?? settings.File }).ToList();
        var addons = pinned.Value!;
        var autoscalerTag = AutoscalerImageTag(release, problems);
        if (autoscalerTag is null || problems.Any(p => p.IsError))
        {
            return Validated<ClusterBlueprint>.Invalid(problems);
        }

        var blueprint = new ClusterBlueprint
        {
            Name = $"{project}-{settings.Color.Key()}",
            Color = settings.Color,
            KubernetesVersion = version,
            UpgradePolicy = settings.UpgradePolicy == SupportPolicy.Extended ? "EXTENDED" : "STANDARD",
            NodeGroups = [.. settings.NodeGroups.Select(group => NodeGroup(group, settings.Color, catalog))],
            ManagedAddons = [.. addons.Managed.Select(ManagedAddon)],
            Charts =
            [
                LoadBalancerController(addons.GetChart(AddonNames.AwsLoadBalancerController)),
                ClusterAutoscaler(addons.GetChart(AddonNames.ClusterAutoscaler), autoscalerTag),
                MetricsServer(addons.GetChart(AddonNames.MetricsServer)),
            ],
            Ingress = IngressBlueprint.Default,
            Network = NetworkLayout.From(settings.Network),
            AccessEntries = [.. settings.AccessEntries.Select(AccessEntryBlueprint.From)],
            ControlPlaneLogTypes = AllControlPlaneLogTypes,
            // The CNI permissions sit on the vpc-cni add-on's own role, as the EKS documentation recommends, not on every node.
            NodeRolePolicyArns = [AwsManagedPolicies.WorkerNode, AwsManagedPolicies.ContainerRegistryReadOnly],
            Tags = ImmutableSortedDictionary<string, string>.Empty
                .Add(BlueprintTags.Color, settings.Color.Key())
                .Add(BlueprintTags.KubernetesVersion, version.ToString())
                .Add(BlueprintTags.Stack, settings.StackName),
        };
        return Validated<ClusterBlueprint>.Valid(blueprint, problems);
    }

    private static NodeGroupBlueprint NodeGroup(NodeGroupSettings group, Color color, VersionCatalog catalog) => new()
    {
        Name = group.Name,
        InstanceTypes = group.InstanceTypes,
        MinSize = group.MinSize,
        DesiredSize = group.DesiredSize,
        MaxSize = group.MaxSize,
        KubernetesVersion = group.KubernetesVersion,
        AmiReleaseVersion = catalog.Find(group.KubernetesVersion)?.AmiReleaseVersion,
        Labels = ImmutableSortedDictionary<string, string>.Empty
            .Add(BlueprintTags.Color, color.Key())
            .Add(BlueprintTags.NodeGroup, group.Name),
    };

    private static ManagedAddonBlueprint ManagedAddon(ManagedAddon addon) => addon.Name switch
    {
        // Service account names are the ones each add-on creates, as its EKS documentation page gives them.
        AddonNames.VpcCni => new()
        {
            Name = addon.Name,
            Version = addon.Version,
            NeedsNodes = false,
            Role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "aws-node", ManagedPolicyArns = [AwsManagedPolicies.VpcCni] },
        },
        AddonNames.EbsCsiDriver => new()
        {
            Name = addon.Name,
            Version = addon.Version,
            NeedsNodes = true,
            Role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "ebs-csi-controller-sa", ManagedPolicyArns = [AwsManagedPolicies.EbsCsiDriver] },
        },
        AddonNames.KubeProxy => new() { Name = addon.Name, Version = addon.Version, NeedsNodes = false },
        AddonNames.CoreDns => new() { Name = addon.Name, Version = addon.Version, NeedsNodes = true },
        _ => throw new ArgumentOutOfRangeException(nameof(addon), addon.Name, "A managed add-on without a blueprint."),
    };

    private static ChartBlueprint LoadBalancerController(HelmChart chart)
    {
        var role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "aws-load-balancer-controller", Policy = PolicyTemplate.AwsLoadBalancerController };
        return Chart(chart, role) with
        {
            Values = Map(("serviceAccount", Map(("create", true), ("name", role.ServiceAccount)))),
            Bindings =
            [
                new ValueBinding(["clusterName"], RuntimeValue.ClusterName),
                new ValueBinding(["region"], RuntimeValue.Region),
                new ValueBinding(["vpcId"], RuntimeValue.VpcId),
                new ValueBinding(["serviceAccount", .. RoleArnAnnotation], RuntimeValue.ServiceAccountRoleArn),
            ],
        };
    }

    private static ChartBlueprint ClusterAutoscaler(HelmChart chart, string imageTag)
    {
        var role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "cluster-autoscaler", Policy = PolicyTemplate.ClusterAutoscaler };
        return Chart(chart, role) with
        {
            Values = Map(
                ("cloudProvider", "aws"),
                ("image", Map(("tag", imageTag))),
                ("rbac", Map(("serviceAccount", Map(("create", true), ("name", role.ServiceAccount)))))),
            Bindings =
            [
                new ValueBinding(["autoDiscovery", "clusterName"], RuntimeValue.ClusterName),
                new ValueBinding(["awsRegion"], RuntimeValue.Region),
                new ValueBinding(["rbac", "serviceAccount", .. RoleArnAnnotation], RuntimeValue.ServiceAccountRoleArn),
            ],
        };
    }

    private static ChartBlueprint MetricsServer(HelmChart chart) => Chart(chart, role: null);

    private static ChartBlueprint Chart(HelmChart chart, ServiceAccountRole? role) => new()
    {
        Name = chart.Name,
        Repository = chart.Repository,
        Chart = chart.Chart,
        Version = chart.Version,
        Namespace = KubeSystem,
        Values = ImmutableSortedDictionary<string, object>.Empty,
        Role = role,
    };

    /// <summary>
    /// The cluster-autoscaler image whose minor is the cluster's, as upstream requires. A user pin of another chart
    /// version keeps the catalog's image for the minor, since the chart's own default image may be for another minor.
    /// </summary>
    private static string? AutoscalerImageTag(KubernetesRelease release, List<Problem> problems)
    {
        var appVersion = release.Addons.GetChart(AddonNames.ClusterAutoscaler).AppVersion;
        if (!KubernetesVersion.TryParse(appVersion, out var imageMinor) || imageMinor != release.Version)
        {
            problems.Add(Problem.Error(ProblemCodes.ChartImageMinor, $"versions[{release.Version}].helm.{AddonNames.ClusterAutoscaler}.appVersion", appVersion,
                $"the cluster-autoscaler image must have the cluster's minor ({release.Version}); fix the catalog entry.") with { File = VersionCatalog.ResourceName });
            return null;
        }

        return $"v{appVersion!.TrimStart('v')}";
    }

    private static ImmutableSortedDictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
