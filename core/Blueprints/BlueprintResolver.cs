using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Blueprints;

internal static class BlueprintResolver
{
    // The five control-plane log types EKS offers; an upgrade is exactly when the audit and API logs are wanted.
    private static readonly ImmutableArray<string> AllControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

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
        var charts = addons.All.Where(a => a.Kind == AddonKind.Helm).Select(addon => Chart(addon, release, problems)).ToList();
        if (problems.Any(p => p.IsError))
        {
            return Validated<ClusterBlueprint>.Invalid(problems);
        }

        var blueprint = new ClusterBlueprint
        {
            Name = $"{project}-{settings.Color.Key()}",
            Color = settings.Color,
            KubernetesVersion = version,
            UpgradePolicy = settings.UpgradePolicy,
            NodeGroups = [.. settings.NodeGroups.Select(group => NodeGroup(group, settings.Color, catalog))],
            ManagedAddons = [.. addons.All.Where(a => a.Kind == AddonKind.Managed)],
            Charts = [.. charts.OfType<ChartBlueprint>()],
            Ingress = IngressBlueprint.Default,
            Network = NetworkLayout.From(settings.Network),
            AccessEntries = settings.AccessEntries,
            ControlPlaneLogTypes = AllControlPlaneLogTypes,
            NodeRolePolicyArns = [AwsManagedPolicies.WorkerNode, AwsManagedPolicies.ContainerRegistryReadOnly],
            Tags = ImmutableSortedDictionary<string, string>.Empty
                .Add(BlueprintTags.Color, settings.Color.Key())
                .Add(BlueprintTags.KubernetesVersion, version.ToString())
                .Add(BlueprintTags.Stack, settings.StackName),
        };
        return Validated<ClusterBlueprint>.Valid(blueprint, problems);
    }

    private static NodeGroupBlueprint NodeGroup(NodeGroupSettings group, Color color, VersionCatalog catalog) => new(
        group,
        catalog.Find(group.KubernetesVersion)?.AmiReleaseVersion,
        ImmutableSortedDictionary<string, string>.Empty.Add(BlueprintTags.Color, color.Key()).Add(BlueprintTags.NodeGroup, group.Name));

    /// <summary>
    /// A chart with its definition's values and, for a chart whose image must have the cluster's minor, the catalog's image
    /// for the minor: a user pin of another chart version keeps it, since the chart's own default image may be for another minor.
    /// </summary>
    private static ChartBlueprint? Chart(Addon addon, KubernetesRelease release, List<Problem> problems)
    {
        var path = addon.Definition.ClusterMinorImageTag;
        if (path.IsEmpty)
        {
            return new ChartBlueprint(addon, addon.Definition.Values);
        }

        var appVersion = release.Addons[addon.Name].AppVersion;
        if (!KubernetesVersion.TryParse(appVersion, out var imageMinor) || imageMinor != release.Version)
        {
            problems.Add(Problem.Error(ProblemCodes.ChartImageMinor, $"versions[{release.Version}].helm.{addon.Name}.appVersion", appVersion,
                $"the {addon.Name} image must have the cluster's minor ({release.Version}); fix the catalog entry.") with { File = VersionCatalog.ResourceName });
            return null;
        }

        var values = ChartBlueprint.Set(addon.Definition.Values.ToImmutableDictionary(StringComparer.Ordinal), path.AsSpan(), $"v{appVersion!.TrimStart('v')}");
        return new ChartBlueprint(addon, values.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }
}
