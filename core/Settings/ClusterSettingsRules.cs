using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Skew;

namespace BlueGreen.Core.Settings;

/// <summary>
/// What the version catalog and the skew policy say about the cluster settings that parsed: a version EKS must
/// offer on the day, an upgrade policy EKS accepts for it, node groups within skew, add-on pins that exist.
/// </summary>
internal static class ClusterSettingsRules
{
    /// <param name="policy">The upgrade policy, null when it did not parse (then only the phase is judged).</param>
    /// <param name="nodeGroups">Every node group whose version is known, whether or not its other fields are valid.</param>
    /// <param name="pins">The well-formed entries of <c>infra:addons</c>.</param>
    public static void Check(
        KubernetesVersion version,
        SupportPolicy? policy,
        IEnumerable<(int Index, string Name, KubernetesVersion Version)> nodeGroups,
        IReadOnlyDictionary<string, string> pins,
        SettingsContext context,
        ConfigReader read)
    {
        var catalog = context.Catalog;
        if (!catalog.Knows(version))
        {
            return;
        }

        var support = catalog.SupportOn(version, context.Today);
        switch (support.Phase)
        {
            case SupportPhase.Unsupported:
                read.Error(ProblemCodes.SupportEnded, SettingKeys.KubernetesVersion, version.ToString(), support.Explanation);
                break;
            case SupportPhase.NotYetReleased:
                read.Error(ProblemCodes.SupportNotYetReleased, SettingKeys.KubernetesVersion, version.ToString(), support.Explanation);
                break;
            case SupportPhase.Extended when policy == SupportPolicy.Standard:
                read.Error(ProblemCodes.SupportPolicyRejected, SettingKeys.UpgradePolicy, "standard",
                    $"Kubernetes {version} is in extended support, and EKS only accepts the STANDARD upgrade policy for versions in standard support: set {SettingKeys.UpgradePolicy}: extended and accept the cost, or choose a version in standard support. {support.Explanation}");
                break;
            case SupportPhase.Extended:
                read.Warning(ProblemCodes.SupportExtended, SettingKeys.KubernetesVersion, version.ToString(), support.Explanation);
                break;
        }

        var skew = SkewPolicy.Embedded;
        foreach (var group in ClusterSkew.CheckNodeGroups(version, nodeGroups, skew).Where(s => !s.Verdict.IsSupported))
        {
            read.Error(group.Verdict.Outcome == SkewOutcome.TooNew ? ProblemCodes.SkewNodeGroupTooNew : ProblemCodes.SkewNodeGroupTooOld,
                $"{SettingKeys.NodeGroups}[{group.Index}].kubernetesVersion", group.Verdict.Version.ToString(),
                $"node group '{group.NodeGroup}': {group.Verdict.Explanation}");
        }

        foreach (var problem in catalog.AddonsFor(version).WithOverrides(pins).Problems)
        {
            read.Add(problem);
        }

        // The catalog pins kube-proxy to the cluster's minor; a user's pin (v1.33.0-eksbuild.1) must still keep to the skew policy.
        if (pins.TryGetValue(AddonNames.KubeProxy, out var pin)
            && KubernetesVersion.TryParse(pin.Split('-')[0], out var kubeProxy)
            && skew.Check(SkewPolicy.KubeProxy, kubeProxy, version) is { IsSupported: false } verdict)
        {
            read.Error(ProblemCodes.SkewKubeProxy, $"{SettingKeys.Addons}.{AddonNames.KubeProxy}", pin, verdict.Explanation);
        }
    }
}
