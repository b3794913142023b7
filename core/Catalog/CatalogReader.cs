using System.Collections.Immutable;
using System.Globalization;
using BlueGreen.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BlueGreen.Core.Catalog;

/// <summary>Turns catalog YAML into a <see cref="VersionCatalog"/>, reporting every missing or inconsistent fact with its key.</summary>
internal static class CatalogReader
{
    private const string DateFormat = "yyyy-MM-dd";

    // Unknown keys stay errors: in a lockfile-like table a misspelt key is a fact silently lost.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static Validated<VersionCatalog> Read(string yaml, string? file)
    {
        CatalogDocument? document;
        try
        {
            document = Deserializer.Deserialize<CatalogDocument?>(yaml);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException ?? e).Message;
            return Invalid(file, [Problem.Error(ProblemCodes.CatalogInvalid, $"line {e.Start.Line}", null, message)]);
        }

        if (document is null)
        {
            return Invalid(file, [Problem.Error(ProblemCodes.CatalogInvalid, "versions", null, "the catalog is empty.")]);
        }

        var problems = new List<Problem>();
        var asOf = ReadDate(document.AsOf, "asOf", problems);
        var pricing = ReadPricing(document.Pricing, problems);
        var charts = ReadCharts(document.HelmCharts, problems);
        var sources = document.Sources?.Where(s => !string.IsNullOrWhiteSpace(s)).ToImmutableArray() ?? [];
        if (sources.IsEmpty)
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "sources", null, "list where the facts come from: every version in the catalog must be traceable."));
        }

        var releases = new List<KubernetesRelease>();
        var seen = new HashSet<KubernetesVersion>();
        foreach (var (entry, index) in (document.Versions ?? []).Select((e, i) => (e, i)))
        {
            if (ReadRelease(entry, $"versions[{index}]", charts, problems) is { } release)
            {
                if (seen.Add(release.Version))
                {
                    releases.Add(release);
                }
                else
                {
                    problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"versions[{index}].kubernetes", release.Version.ToString(), "this minor is listed twice."));
                }
            }
        }

        if (document.Versions is not { Count: > 0 })
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "versions", null, "the catalog lists no Kubernetes version."));
        }

        if (problems.Count > 0 || asOf is null || pricing is null)
        {
            return Invalid(file, problems);
        }

        return Validated<VersionCatalog>.Valid(new VersionCatalog(asOf.Value, pricing, releases, sources));
    }

    private static KubernetesRelease? ReadRelease(
        ReleaseDocument entry,
        string at,
        IReadOnlyDictionary<string, ChartDocument> charts,
        List<Problem> problems)
    {
        if (!KubernetesVersion.TryParse(entry.Kubernetes, out var version))
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.kubernetes", entry.Kubernetes, "expected a Kubernetes minor such as \"1.33\"."));
            return null;
        }

        at = $"versions[{version}]";
        var released = ReadDate(entry.Released, $"{at}.released", problems);
        var standardEnds = ReadDate(entry.EndOfStandardSupport, $"{at}.endOfStandardSupport", problems);
        var extendedEnds = ReadDate(entry.EndOfExtendedSupport, $"{at}.endOfExtendedSupport", problems);
        if (released is { } r && standardEnds is { } s && extendedEnds is { } x && !(r < s && s < x))
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, at, $"{r:yyyy-MM-dd} / {s:yyyy-MM-dd} / {x:yyyy-MM-dd}",
                "release, end of standard support and end of extended support must come in that order."));
        }

        var addons = ReadAddons(entry, at, charts, problems);
        if (released is null || standardEnds is null || extendedEnds is null || addons is null)
        {
            return null;
        }

        return new KubernetesRelease
        {
            Version = version,
            Released = released.Value,
            EndOfStandardSupport = standardEnds.Value,
            EndOfExtendedSupport = extendedEnds.Value,
            AmiReleaseVersion = string.IsNullOrWhiteSpace(entry.AmiReleaseVersion) ? null : entry.AmiReleaseVersion.Trim(),
            Addons = new AddonVersions { KubernetesVersion = version, All = addons.Value },
        };
    }

    private static ImmutableArray<Addon>? ReadAddons(
        ReleaseDocument entry,
        string at,
        IReadOnlyDictionary<string, ChartDocument> charts,
        List<Problem> problems)
    {
        var count = problems.Count;
        var managed = entry.Managed ?? [];
        var helm = entry.Helm ?? [];
        problems.AddRange(managed.Keys.Except(AddonNames.Managed)
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.managed.{name}", managed[name], $"not a managed add-on of this tool ({string.Join(", ", AddonNames.Managed)}).")));
        problems.AddRange(helm.Keys.Except(AddonNames.Helm)
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.helm.{name}", helm[name]?.Version, $"not a Helm add-on of this tool ({string.Join(", ", AddonNames.Helm)}).")));

        var addons = new List<Addon>();
        foreach (var name in AddonNames.Managed)
        {
            if (string.IsNullOrWhiteSpace(managed.GetValueOrDefault(name)))
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.managed.{name}", null, "every minor pins every managed add-on to an EKS add-on version."));
                continue;
            }

            addons.Add(new ManagedAddon { Name = name, Version = managed[name]!.Trim() });
        }

        foreach (var name in AddonNames.Helm)
        {
            var pin = helm.GetValueOrDefault(name);
            if (string.IsNullOrWhiteSpace(pin?.Version) || string.IsNullOrWhiteSpace(pin.AppVersion))
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.helm.{name}", pin?.Version, "every minor pins every Helm add-on to a chart version and its app version."));
                continue;
            }

            if (charts.TryGetValue(name, out var chart))
            {
                addons.Add(new HelmChart
                {
                    Name = name,
                    Version = pin.Version.Trim(),
                    AppVersion = pin.AppVersion.Trim(),
                    Repository = chart.Repository!,
                    Chart = chart.Chart!,
                });
            }
        }

        return problems.Count == count ? [.. addons] : null;
    }

    private static Dictionary<string, ChartDocument> ReadCharts(Dictionary<string, ChartDocument?>? charts, List<Problem> problems)
    {
        var valid = new Dictionary<string, ChartDocument>(StringComparer.Ordinal);
        foreach (var name in AddonNames.Helm)
        {
            var chart = charts?.GetValueOrDefault(name);
            if (chart is null || string.IsNullOrWhiteSpace(chart.Repository) || string.IsNullOrWhiteSpace(chart.Chart))
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"helmCharts.{name}", null, "every Helm add-on names its chart repository URL and chart."));
                continue;
            }

            if (!Uri.TryCreate(chart.Repository, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"helmCharts.{name}.repository", chart.Repository, "expected the https URL of a Helm chart repository."));
                continue;
            }

            valid[name] = chart;
        }

        problems.AddRange((charts?.Keys ?? Enumerable.Empty<string>()).Except(AddonNames.Helm)
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"helmCharts.{name}", null, $"not a Helm add-on of this tool ({string.Join(", ", AddonNames.Helm)}).")));
        return valid;
    }

    private static ClusterPricing? ReadPricing(PricingDocument? pricing, List<Problem> problems)
    {
        if (pricing?.StandardPerClusterHour is > 0 and var standard && pricing.ExtendedPerClusterHour is > 0 and var extended)
        {
            return new ClusterPricing(standard, extended);
        }

        problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "pricing", null, "give standardPerClusterHour and extendedPerClusterHour in US dollars, both above zero."));
        return null;
    }

    private static DateOnly? ReadDate(string? text, string key, List<Problem> problems)
    {
        if (DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, key, text, $"expected a date as {DateFormat}."));
        return null;
    }

    private static Validated<VersionCatalog> Invalid(string? file, IEnumerable<Problem> problems) =>
        Validated<VersionCatalog>.Invalid(problems.Select(p => p with { File = file }));

    // YamlDotNet fills these by reflection; the types exist only to be read and then validated.
    private sealed class CatalogDocument
    {
        public string? AsOf { get; set; }

        public PricingDocument? Pricing { get; set; }

        public List<string>? Sources { get; set; }

        public Dictionary<string, ChartDocument?>? HelmCharts { get; set; }

        public List<ReleaseDocument>? Versions { get; set; }
    }

    private sealed class PricingDocument
    {
        public decimal? StandardPerClusterHour { get; set; }

        public decimal? ExtendedPerClusterHour { get; set; }
    }

    private sealed class ChartDocument
    {
        public string? Repository { get; set; }

        public string? Chart { get; set; }
    }

    private sealed class ReleaseDocument
    {
        public string? Kubernetes { get; set; }

        public string? Released { get; set; }

        public string? EndOfStandardSupport { get; set; }

        public string? EndOfExtendedSupport { get; set; }

        public string? AmiReleaseVersion { get; set; }

        public Dictionary<string, string?>? Managed { get; set; }

        public Dictionary<string, HelmPinDocument?>? Helm { get; set; }
    }

    private sealed class HelmPinDocument
    {
        public string? Version { get; set; }

        public string? AppVersion { get; set; }
    }
}
