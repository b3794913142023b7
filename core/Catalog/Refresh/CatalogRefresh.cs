using System.Collections.Immutable;
using System.Text;
using BlueGreen.Core.Model;
using YamlDotNet.Core;

namespace BlueGreen.Core.Catalog.Refresh;

/// <summary>One pinned value that differs from its source.</summary>
/// <param name="Field">"version" for a managed add-on or a chart version, "appVersion" for a chart's app version.</param>
/// <param name="Before">The pinned value; null for an optional add-on the minor did not pin and AWS now offers.</param>
public sealed record PinChange(KubernetesVersion Minor, string Addon, string Field, string? Before, string After)
{
    public override string ToString() => Field == "version"
        ? $"{Minor} {Addon}: {Before ?? "(none)"} -> {After}"
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
        var changes = new List<(PinChange Change, Edit Edit)>();
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
                    changes.Add((new PinChange(minor.Minor, name, "version", pin.Value, latest), Edit.Replace(pin, latest)));
                }
            }

            changes.AddRange(Added(minor, answer, text, kept));

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
                    changes.Add((new PinChange(minor.Minor, chart.Name, "version", pin.Version.Value, release.Version.Text), Edit.Replace(pin.Version, release.Version.Text)));
                }

                if (release.AppVersion != pin.AppVersion.Value)
                {
                    changes.Add((new PinChange(minor.Minor, chart.Name, "appVersion", pin.AppVersion.Value, release.AppVersion), Edit.Replace(pin.AppVersion, release.AppVersion)));
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

    /// <summary>
    /// The managed add-ons of the registry the minor does not pin (snapshot-controller is optional per minor) for which AWS
    /// now marks a default: each is added as a line after the minor's last managed pin, at its indentation. Where the
    /// file's layout leaves no such line to add after, the add-on is reported instead.
    /// </summary>
    private static IEnumerable<(PinChange Change, Edit Edit)> Added(MinorPins minor, AddonVersionsAnswer answer, string text, List<Problem> kept)
    {
        var offered = AddonRegistry.Installed
            .Where(a => a.Kind == AddonKind.Managed && !minor.Managed.ContainsKey(a.Name))
            .Select(a => (a.Name, Version: answer.DefaultVersion(a.Name)))
            .Where(a => a.Version is not null)
            .ToList();
        if (offered.Count == 0)
        {
            return [];
        }

        if (minor.ManagedKeyColumn is not { } column)
        {
            kept.AddRange(offered.Select(a => Problem.Warning(ProblemCodes.RefreshPinMissing, $"versions[{minor.Minor}].managed.{a.Name}", a.Version,
                $"AWS marks {a.Version} as the default {a.Name} for Kubernetes {minor.Minor}, but the block's managed pins leave no line to add it after; add it by hand.")));
            return [];
        }

        var lineEnd = text.IndexOf('\n', minor.Managed.Values.Max(p => p.End)) is var at and >= 0 ? at : text.Length;
        var indent = new string(' ', column);
        return offered.Select(a => (new PinChange(minor.Minor, a.Name, "version", null, a.Version!), new Edit(lineEnd, lineEnd, $"\n{indent}{a.Name}: {a.Version}")));
    }

    /// <summary>Applies each edit where it stands, last first so earlier offsets stay valid; nothing else moves.</summary>
    private static string Rewrite(string text, List<(PinChange Change, Edit Edit)> changes)
    {
        var result = new StringBuilder(text);

        // Additions at one offset go in reverse, so they read in registry order once all are in.
        foreach (var (_, edit) in changes.Select((c, i) => (i, c.Edit)).OrderByDescending(e => e.Edit.Start).ThenByDescending(e => e.i))
        {
            result.Remove(edit.Start, edit.End - edit.Start).Insert(edit.Start, edit.Text);
        }

        return result.ToString();
    }

    /// <summary>Replace <see cref="Text"/> for the span Start..End of the file (an insertion when they are equal).</summary>
    private sealed record Edit(int Start, int End, string Text)
    {
        public static Edit Replace(PinnedValue pin, string value) => new(pin.Start, pin.End, Quoted(value, pin.Style));
    }

    private static string Quoted(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'",
        ScalarStyle.DoubleQuoted => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        _ => value,
    };
}
