using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog.Refresh;

/// <summary>Where a refresh reads one Helm add-on's releases: its registry chart, at the registry's repository or at one the caller names.</summary>
public sealed record ChartRepository(AddonDefinition Addon, string Url)
{
    /// <summary>The option that points one add-on's chart elsewhere; problems name it.</summary>
    public const string OptionName = "--chart-repository";

    public string Chart => Addon.Source!.Chart;

    public Uri IndexUrl => new($"{Url.TrimEnd('/')}/index.yaml");

    /// <summary>
    /// Every Helm add-on the registry installs, each at its own repository unless an override (<c>NAME=URL</c>) names
    /// another: a mirror, or the test server. Every override that names no Helm add-on, or no http(s) URL, is reported.
    /// </summary>
    public static Validated<IReadOnlyList<ChartRepository>> ForEveryHelmAddon(IEnumerable<string> overrides)
    {
        var problems = new List<Problem>();
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in overrides)
        {
            var (name, url) = text.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (text[..at].Trim(), text[(at + 1)..].Trim()) : (text.Trim(), "");
            if (AddonRegistry.Find(name) is not { IsInstalled: true, Source: not null })
            {
                var helm = string.Join(", ", AddonRegistry.Installed.Where(a => a.Source is not null).Select(a => a.Name));
                problems.Add(Problem.Error(ProblemCodes.RefreshChartRepository, OptionName, text, $"expected NAME=URL with NAME one of {helm}."));
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add(Problem.Error(ProblemCodes.RefreshChartRepository, OptionName, text, "expected the http(s) URL of a Helm chart repository after NAME=."));
            }
            else if (!urls.TryAdd(name, url))
            {
                problems.Add(Problem.Error(ProblemCodes.RefreshChartRepository, OptionName, text, $"{name} is given twice."));
            }
        }

        if (problems.Count > 0)
        {
            return Validated<IReadOnlyList<ChartRepository>>.Invalid(problems);
        }

        return Validated<IReadOnlyList<ChartRepository>>.Valid(
            AddonRegistry.Installed.Where(a => a.Source is not null).Select(a => new ChartRepository(a, urls.GetValueOrDefault(a.Name, a.Source!.Repository))).ToImmutableArray());
    }
}
