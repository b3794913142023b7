using System.Collections.Immutable;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog;

/// <summary>Every add-on a cluster on one Kubernetes minor installs, each pinned to one version, in <see cref="AddonRegistry.All"/> order.</summary>
public sealed partial record AddonVersions
{
    /// <summary>The stack settings key whose entries <see cref="WithOverrides"/> applies; problems name it.</summary>
    public const string OverridesKey = "infra:addons";

    public required KubernetesVersion KubernetesVersion { get; init; }

    public required ImmutableArray<Addon> All { get; init; }

    /// <summary>The add-on of that name; one this minor does not install is a bug at the caller.</summary>
    public Addon this[string name] =>
        All.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"Kubernetes {KubernetesVersion} installs no add-on named '{name}'.");

    /// <summary>
    /// These versions with the user's pins (<c>infra:addons</c>) applied. Every unknown add-on name and every version that
    /// cannot be what it pins is reported; the value still carries the pins that were valid.
    /// </summary>
    public Validated<AddonVersions> WithOverrides(IReadOnlyDictionary<string, string> overrides)
    {
        var problems = new List<Problem>();
        var pinned = new Dictionary<string, Addon>(StringComparer.Ordinal);
        foreach (var (name, version) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var key = $"{OverridesKey}.{name}";
            var definition = AddonRegistry.Find(name);
            var trimmed = version.Trim();
            var listed = All.FirstOrDefault(a => a.Name == name);
            switch (definition)
            {
                case null:
                    problems.Add(Problem.Error(ProblemCodes.AddonUnknown, key, version,
                        $"unknown add-on '{name}'; the add-ons that can be pinned are {string.Join(", ", AddonRegistry.Installed.Select(a => a.Name))}."));
                    break;
                case { NotInstalledBecause: { } reason }:
                    problems.Add(Problem.Error(ProblemCodes.AddonNotInstalled, key, version, $"'{name}' is not installed by this tool, so a pin would change nothing: {reason}."));
                    break;
                case { Kind: AddonKind.Managed } when !ManagedVersionPattern().IsMatch(trimmed):
                    problems.Add(Problem.Error(ProblemCodes.AddonVersionFormat, key, version,
                        $"'{name}' is an EKS managed add-on: pin an EKS add-on version such as {listed?.Version ?? "v1.0.0-eksbuild.1"} (aws eks describe-addon-versions --addon-name {name})."));
                    break;
                case { Kind: AddonKind.Helm } when !ChartVersionPattern().IsMatch(trimmed):
                    problems.Add(Problem.Error(ProblemCodes.AddonVersionFormat, key, version,
                        $"'{name}' is the Helm chart '{definition.Source?.Chart}': pin a chart version such as {listed?.Version ?? "1.0.0"}, not an image tag."));
                    break;
                default:
                    // The catalog cannot know the app version of a chart version it does not list.
                    pinned[name] = listed is not null && listed.Version == trimmed
                        ? listed with { IsOverridden = true }
                        : new Addon(definition, trimmed) { IsOverridden = true };
                    break;
            }
        }

        var all = AddonRegistry.Installed
            .Select(definition => pinned.GetValueOrDefault(definition.Name) ?? All.FirstOrDefault(a => a.Name == definition.Name))
            .OfType<Addon>();
        return new Validated<AddonVersions>(this with { All = [.. all] }, [.. problems]);
    }

    [GeneratedRegex(@"^v\d+\.\d+\.\d+-eksbuild\.\d+$")]
    private static partial Regex ManagedVersionPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex ChartVersionPattern();
}
