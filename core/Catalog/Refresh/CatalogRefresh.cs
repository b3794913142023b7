using System.Collections.Immutable;
using System.Text;
using BlueGreen.Core.Model;
using YamlDotNet.Core;

namespace BlueGreen.Core.Catalog.Refresh;

/// <summary>One pinned value that differs from its source.</summary>
/// <param name="Field">"version" for a managed add-on or a chart version, "appVersion" for a chart's app version.</param>
public sealed record PinChange(KubernetesVersion Minor, string Addon, string Field, string Before, string After)
{
    public override string ToString() => Field == "version"
        ? $"{Minor} {Addon}: {Before} -> {After}"
        : $"{Minor} {Addon} appVersion: {Before} -> {After}";
}

/// <summary>What a refresh found: the changes, the pins it had to keep and why, and the rewritten text.</summary>
/// <param name="Text">The data file with only the changed values replaced; equal to the input when nothing changed.</param>
public sealed record RefreshResult(ImmutableArray<PinChange> Changes, ImmutableArray<Problem> Kept, string Text)
{
    public bool IsCurrent => Changes.IsEmpty;
}

/// <summary>
/// Decides every add-on pin from its authoritative source: the version AWS marks as default for the minor, and for Helm
/// charts the newest stable release in the repository's index.yaml that fits the minor (cluster-autoscaler: its app minor
/// equals the cluster's; charts with a compatibility matrix: an app line that supports the minor). Pure: the shell
/// fetches the answers, this decides and rewrites.
/// </summary>
public static class CatalogRefresh
{
    /// <param name="charts">The index.yaml of each Helm add-on's repository, by add-on name (<see cref="ChartRepository"/>).</param>
    public static RefreshResult Apply(
        CatalogPins pins,
        string text,
        IReadOnlyDictionary<KubernetesVersion, AddonVersionsAnswer> aws,
        IReadOnlyDictionary<string, ChartIndex> charts)
    {
        var changes = new List<(PinChange Change, PinnedValue At)>();
        var kept = new List<Problem>();
        foreach (var minor in pins.Minors)
        {
            var answer = aws[minor.Minor];
            foreach (var (name, pin) in minor.Managed)
            {
                if (answer.DefaultVersion(name) is not { } latest)
                {
                    kept.Add(Problem.Warning(ProblemCodes.RefreshPinKept, $"versions[{minor.Minor}].managed.{name}", pin.Value,
                        $"AWS marks no default version of {name} for Kubernetes {minor.Minor}; the pin is kept."));
                }
                else if (latest != pin.Value)
                {
                    changes.Add((new PinChange(minor.Minor, name, "version", pin.Value, latest), pin));
                }
            }

            foreach (var chart in AddonRegistry.Installed.Where(a => a.Source is not null))
            {
                if (!minor.Helm.TryGetValue(chart.Name, out var pin))
                {
                    continue;
                }

                if (Choose(chart, charts[chart.Name].Releases(chart.Source!.Chart), minor.Minor) is not { } release)
                {
                    kept.Add(Problem.Warning(ProblemCodes.RefreshPinKept, $"versions[{minor.Minor}].helm.{chart.Name}", pin.Version.Value,
                        $"the chart repository has no stable {chart.Source.Chart} release for Kubernetes {minor.Minor}; the pin is kept."));
                    continue;
                }

                if (release.Version.Text != pin.Version.Value)
                {
                    changes.Add((new PinChange(minor.Minor, chart.Name, "version", pin.Version.Value, release.Version.Text), pin.Version));
                }

                if (release.AppVersion != pin.AppVersion.Value)
                {
                    changes.Add((new PinChange(minor.Minor, chart.Name, "appVersion", pin.AppVersion.Value, release.AppVersion), pin.AppVersion));
                }
            }
        }

        return new RefreshResult([.. changes.Select(c => c.Change)], [.. kept], Rewrite(text, changes));
    }

    /// <summary>The newest stable release of the chart that fits the minor, or null when none does.</summary>
    internal static ChartRelease? Choose(AddonDefinition chart, ImmutableArray<ChartRelease> releases, KubernetesVersion minor) =>
        releases
            .Where(r => !r.Version.IsPreRelease && Fits(chart, r, minor))
            .OrderByDescending(r => r.Version)
            .FirstOrDefault();

    private static bool Fits(AddonDefinition chart, ChartRelease release, KubernetesVersion minor)
    {
        var line = ChartVersion.Line(release.AppVersion);
        if (!chart.ClusterMinorImageTag.IsEmpty)
        {
            // Charts whose image must have the cluster's minor (cluster-autoscaler: upstream supports only that one).
            return line == minor.ToString();
        }

        return chart.MinimumKubernetesByAppLine.IsEmpty
            || (line is not null && chart.MinimumKubernetesByAppLine.TryGetValue(line, out var floor) && minor >= floor);
    }

    /// <summary>Replaces each changed value where it stands, last first so earlier offsets stay valid; nothing else moves.</summary>
    private static string Rewrite(string text, List<(PinChange Change, PinnedValue At)> changes)
    {
        var result = new StringBuilder(text);
        foreach (var (change, at) in changes.OrderByDescending(c => c.At.Start))
        {
            result.Remove(at.Start, at.End - at.Start).Insert(at.Start, Quoted(change.After, at.Style));
        }

        return result.ToString();
    }

    private static string Quoted(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'",
        ScalarStyle.DoubleQuoted => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        _ => value,
    };
}
