using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Skew;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// Resolution: what the version catalog, the support calendar, the skew policy and the deployed cluster say about the
/// settings that parsed, each decided once, and the blueprint when nothing is wrong. Every rule runs on whatever parsed,
/// so a broken key never hides a problem of another.
/// </summary>
internal static class BlueprintResolver
{
    // The five control-plane log types EKS offers; an upgrade is exactly when the audit and API logs are wanted.
    private static readonly ImmutableArray<string> AllControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    public static Validated<ClusterBlueprint> Resolve(ClusterStackSettings settings, IEnumerable<Problem> parsed, ResolutionContext context)
    {
        var problems = new List<Problem>();
        var release = Release(settings, context.Catalog, problems);
        var support = release is null ? null : Support(release, settings.UpgradePolicy, context, problems);
        var nodeGroups = release is null ? [] : NodeGroups(settings, release.Version, context.Catalog, problems);
        var addons = release?.Addons.WithOverrides(settings.AddonOverrides);
        problems.AddRange(addons?.Problems ?? []);
        if (release is not null)
        {
            KubeProxySkew(settings.AddonOverrides, release.Version, problems);
        }

        // Velero's values depend on the color (which location it writes), so its chart is built from the backup blueprint.
        var charts = addons?.Value?.All.Where(a => a.Kind == AddonKind.Helm)
            .Select(addon => addon.Definition.PluginImage is null ? Chart(addon, release!, problems)
                : settings.Color is { } own ? new ChartBlueprint(addon, BackupBlueprint.Values(addon, own, addons.Value.All.Any(a => a.Name == AddonNames.SnapshotController)))
                : null)
            .ToList() ?? [];
        if (settings.KubernetesVersion is { } version && context.Deployed is { } deployed)
        {
            problems.AddRange(InPlaceGuard.Check(
                version,
                settings.NodeGroups.Select((g, i) => (Key: $"{SettingKeys.NodeGroups}[{i}].kubernetesVersion", g.Name, Version: g.KubernetesVersion ?? version))
                    .Where(g => g.Name is not null).Select(g => (g.Key, g.Name!, g.Version)),
                deployed,
                SettingKeys.KubernetesVersion));
        }

        var all = parsed.Concat(problems.Select(settings.Source.Locate)).ToImmutableArray();
        if (all.Any(p => p.IsError)
            || settings is not { Color: { } color, UpgradePolicy: { } policy, Network: { } network }
            || release is null || support is null || addons?.Value is not { } pinned
            || nodeGroups.Any(g => g is null))
        {
            return Validated<ClusterBlueprint>.Invalid(all);
        }

        return Validated<ClusterBlueprint>.Valid(new ClusterBlueprint
        {
            Name = $"{context.Project}-{color.Key()}",
            Color = color,
            KubernetesVersion = release.Version,
            UpgradePolicy = policy,
            Support = support,
            NodeGroups = [.. nodeGroups.Select(g => g!)],
            ManagedAddons = [.. pinned.All.Where(a => a.Kind == AddonKind.Managed)],
            Charts = [.. charts.OfType<ChartBlueprint>()],
            Ingress = IngressBlueprint.Default,
            Network = NetworkLayout.From(network),
            AccessEntries = settings.AccessEntries,
            ControlPlaneLogTypes = AllControlPlaneLogTypes,
            NodeRolePolicyArns = [AwsManagedPolicies.WorkerNode, AwsManagedPolicies.ContainerRegistryReadOnly],
            Tags = ImmutableSortedDictionary<string, string>.Empty
                .Add(BlueprintTags.Color, color.Key())
                .Add(BlueprintTags.KubernetesVersion, release.Version.ToString())
                .Add(BlueprintTags.Stack, settings.StackName),
        }, all);
    }

    private static KubernetesRelease? Release(ClusterStackSettings settings, VersionCatalog catalog, List<Problem> problems)
    {
        if (settings.KubernetesVersion is not { } version)
        {
            return null;
        }

        var release = catalog.Find(version);
        if (release is null)
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogUnknownVersion, SettingKeys.KubernetesVersion, version.ToString(),
                $"is not a Kubernetes version this tool knows; the catalog (as of {catalog.AsOf:yyyy-MM-dd}) has {string.Join(", ", catalog.Versions)}"));
        }

        return release;
    }

    /// <summary>
    /// EKS support on the day, judged as creation or operation: EKS refuses to create a cluster on a version it no longer
    /// offers, but a cluster already running one must stay operable (scale a node group, fix an add-on) until it is replaced.
    /// </summary>
    /// <param name="policy">The upgrade policy, absent when it did not parse (then only the phase is judged).</param>
    private static SupportStatus Support(KubernetesRelease release, SupportPolicy? policy, ResolutionContext context, List<Problem> problems)
    {
        var version = release.Version;
        var support = context.Catalog.SupportOn(version, context.Today);
        const string key = SettingKeys.KubernetesVersion;
        switch (support.Phase)
        {
            case SupportPhase.Unsupported when context.Deployed?.ControlPlane == version:
                problems.Add(Problem.Warning(ProblemCodes.SupportEndedInUse, key, version.ToString(),
                    $"{support.Explanation} This cluster already runs it, so the stack can still be operated, but EKS may upgrade its control plane "
                    + "at any time, in place and untested: create the other color at a supported version, cut over and retire this one now."));
                break;
            case SupportPhase.Unsupported:
                problems.Add(Problem.Error(ProblemCodes.SupportEnded, key, version.ToString(), context.Deployed is null
                    ? $"{support.Explanation} If this stack's cluster already runs {version}, give its deployed outputs to judge it as running."
                    : support.Explanation));
                break;
            case SupportPhase.NotYetReleased:
                problems.Add(Problem.Error(ProblemCodes.SupportNotYetReleased, key, version.ToString(), support.Explanation));
                break;
            case SupportPhase.Extended when policy == SupportPolicy.Standard:
                problems.Add(Problem.Error(ProblemCodes.SupportPolicyRejected, SettingKeys.UpgradePolicy, "standard",
                    $"Kubernetes {version} is in extended support, and EKS only accepts the STANDARD upgrade policy for versions in standard support: set {SettingKeys.UpgradePolicy}: extended and accept the cost, or choose a version in standard support. {support.Explanation}"));
                break;
            case SupportPhase.Extended:
                problems.Add(Problem.Warning(ProblemCodes.SupportExtended, key, version.ToString(), support.Explanation));
                break;
        }

        return support;
    }

    /// <summary>Each node group at its minor (the cluster's unless it names one) and its skew verdict; null for one that did not fully parse.</summary>
    private static ImmutableArray<NodeGroupBlueprint?> NodeGroups(ClusterStackSettings settings, KubernetesVersion controlPlane, VersionCatalog catalog, List<Problem> problems) =>
    [
        .. settings.NodeGroups.Select((group, index) =>
        {
            var version = group.KubernetesVersion ?? controlPlane;
            var skew = SkewPolicy.Embedded.Check(SkewPolicy.Kubelet, version, controlPlane);
            if (!skew.IsSupported)
            {
                problems.Add(Problem.Error(skew.Outcome == SkewOutcome.TooNew ? ProblemCodes.SkewNodeGroupTooNew : ProblemCodes.SkewNodeGroupTooOld,
                    $"{SettingKeys.NodeGroups}[{index}].kubernetesVersion", version.ToString(),
                    $"node group '{group.Name ?? index.ToString()}': {skew.Explanation}"));
            }

            return group is { Name: { } name, InstanceTypes: { } types, MinSize: { } min, DesiredSize: { } desired, MaxSize: { } max }
                ? new NodeGroupBlueprint(name, types, min, desired, max, version, catalog.Find(version)?.AmiReleaseVersion, skew,
                    ImmutableSortedDictionary<string, string>.Empty.Add(BlueprintTags.Color, settings.Color?.Key() ?? "").Add(BlueprintTags.NodeGroup, name))
                : null;
        }),
    ];

    /// <summary>The catalog pins kube-proxy to the cluster's minor; a user's pin (v1.33.0-eksbuild.1) must still keep to the skew policy.</summary>
    private static void KubeProxySkew(IReadOnlyDictionary<string, string> pins, KubernetesVersion controlPlane, List<Problem> problems)
    {
        if (pins.TryGetValue(AddonNames.KubeProxy, out var pin)
            && KubernetesVersion.TryParse(pin.Split('-')[0], out var kubeProxy)
            && SkewPolicy.Embedded.Check(SkewPolicy.KubeProxy, kubeProxy, controlPlane) is { IsSupported: false } verdict)
        {
            problems.Add(Problem.Error(ProblemCodes.SkewKubeProxy, $"{SettingKeys.Addons}.{AddonNames.KubeProxy}", pin, verdict.Explanation));
        }
    }

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
