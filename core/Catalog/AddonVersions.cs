using System.Collections.Immutable;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog;

/// <summary>Every add-on of a cluster on one Kubernetes minor, each pinned to one version, in <see cref="AddonNames.All"/> order.</summary>
public sealed partial record AddonVersions
{
    /// <summary>The stack settings key whose entries <see cref="WithOverrides"/> applies; problems name it.</summary>
    public const string OverridesKey = "infra:addons";

    public required KubernetesVersion KubernetesVersion { get; init; }

    public required ImmutableArray<Addon> All { get; init; }

    public IEnumerable<ManagedAddon> Managed => All.OfType<ManagedAddon>();

    public IEnumerable<HelmChart> Charts => All.OfType<HelmChart>();

    /// <summary>The add-on of that name; a name outside <see cref="AddonNames.All"/> is a bug at the caller.</summary>
    public Addon this[string name] =>
        All.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"No add-on named '{name}'; known: {string.Join(", ", AddonNames.All)}.");

    public ManagedAddon GetManaged(string name) => (ManagedAddon)this[name];

    public HelmChart GetChart(string name) => (HelmChart)this[name];

    /// <summary>
    /// These versions with the user's pins (<c>infra:addons</c>) applied. Every unknown add-on name and every version that
    /// cannot be what it pins is reported; the value still carries the pins that were valid, so a plan can show them.
    /// </summary>
    public Validated<AddonVersions> WithOverrides(IReadOnlyDictionary<string, string> overrides)
    {
        var (pinned, problems) = Apply(overrides);
        return new Validated<AddonVersions>(pinned, problems);
    }

    /// <summary>Each add-on's version here next to its version in <paramref name="target"/>: the plan's "before -> after".</summary>
    public ImmutableArray<AddonChange> ChangesTo(AddonVersions target) =>
        [.. All.Select(before => new AddonChange(before.Name, before.Kind, before.Version, target[before.Name].Version))];

    internal (AddonVersions Pinned, ImmutableArray<Problem> Problems) Apply(IReadOnlyDictionary<string, string> overrides)
    {
        var problems = new List<Problem>();
        var pinned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, version) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var key = $"{OverridesKey}.{name}";
            var addon = All.FirstOrDefault(a => a.Name == name);
            var trimmed = version.Trim();
            switch (addon)
            {
                case null:
                    problems.Add(Problem.Error(ProblemCodes.AddonUnknown, key, version,
                        $"unknown add-on '{name}'; the add-ons that can be pinned are {string.Join(", ", AddonNames.All)}."));
                    break;
                case ManagedAddon when !ManagedVersionPattern().IsMatch(trimmed):
                    problems.Add(Problem.Error(ProblemCodes.AddonVersionFormat, key, version,
                        $"'{name}' is an EKS managed add-on: pin an EKS add-on version such as {addon.Version} (aws eks describe-addon-versions --addon-name {name})."));
                    break;
                case HelmChart chart when !ChartVersionPattern().IsMatch(trimmed):
                    problems.Add(Problem.Error(ProblemCodes.AddonVersionFormat, key, version,
                        $"'{name}' is the Helm chart '{chart.Chart}': pin a chart version such as {chart.Version}, not an image tag."));
                    break;
                default:
                    pinned[name] = trimmed;
                    break;
            }
        }

        return (this with { All = [.. All.Select(a => pinned.TryGetValue(a.Name, out var v) ? Pin(a, v) : a)] }, [.. problems]);
    }

    private static Addon Pin(Addon addon, string version) => addon switch
    {
        // The catalog cannot know the app version of a chart version it does not list.
        HelmChart chart when chart.Version != version => chart with { Version = version, AppVersion = null, IsOverridden = true },
        _ => addon with { Version = version, IsOverridden = true },
    };

    [GeneratedRegex(@"^v\d+\.\d+\.\d+-eksbuild\.\d+$")]
    private static partial Regex ManagedVersionPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex ChartVersionPattern();
}
