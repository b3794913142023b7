using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Skew;

namespace BlueGreen.Core.Settings;

/// <summary>
/// What the version catalog and the skew policy say about well-formed cluster settings: a version EKS must
/// offer on the day, an upgrade policy EKS accepts for it, node groups within skew, add-on pins that exist.
/// </summary>
internal static class ClusterSettingsRules
{
    public static IEnumerable<Problem> Check(ClusterStackSettings cluster, SettingsContext context)
    {
        var version = cluster.KubernetesVersion;
        var versionText = version.ToString();
        var catalog = context.Catalog;
        var support = catalog.SupportOn(version, context.Today);
        switch (support.Phase)
        {
            case SupportPhase.Unsupported or SupportPhase.NotYetReleased:
                yield return Problem.Error(SettingKeys.KubernetesVersion, versionText, support.Explanation);
                break;
            case SupportPhase.Extended when cluster.UpgradePolicy == SupportPolicy.Standard:
                yield return Problem.Error(SettingKeys.UpgradePolicy, "standard",
                    $"Kubernetes {version} is in extended support, and EKS only accepts the STANDARD upgrade policy for versions in standard support: set {SettingKeys.UpgradePolicy}: extended and accept the cost, or choose a version in standard support. {support.Explanation}");
                break;
            case SupportPhase.Extended:
                yield return Problem.Warning(SettingKeys.KubernetesVersion, versionText, support.Explanation);
                break;
        }

        var policy = SkewPolicy.Embedded;
        foreach (var skew in ClusterSkew.CheckNodeGroups(cluster, policy).Where(s => !s.Verdict.IsSupported))
        {
            yield return Problem.Error($"{SettingKeys.NodeGroups}[{skew.Index}].kubernetesVersion", skew.Verdict.Version.ToString(),
                $"node group '{skew.NodeGroup}': {skew.Verdict.Explanation}");
        }

        foreach (var problem in catalog.AddonsFor(version).WithOverrides(cluster.AddonOverrides).Problems)
        {
            yield return problem;
        }

        // The catalog pins kube-proxy to the cluster's minor; a user's pin (v1.33.0-eksbuild.1) must still keep to the skew policy.
        if (cluster.AddonOverrides.TryGetValue(AddonNames.KubeProxy, out var pin)
            && KubernetesVersion.TryParse(pin.Split('-')[0], out var kubeProxy)
            && policy.Check(SkewPolicy.KubeProxy, kubeProxy, version) is { IsSupported: false } verdict)
        {
            yield return Problem.Error($"{SettingKeys.Addons}.{AddonNames.KubeProxy}", pin, verdict.Explanation);
        }
    }
}
