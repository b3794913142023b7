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
        var sources = document.Sources?.Where(s => !string.IsNullOrWhiteSpace(s)).ToImmutableArray() ?? [];
        if (sources.IsEmpty)
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "sources", null, "list where the facts come from: every version in the catalog must be traceable."));
        }

        var releases = new List<KubernetesRelease>();
        var seen = new HashSet<KubernetesVersion>();
        foreach (var (entry, index) in (document.Versions ?? []).Select((e, i) => (e, i)))
        {
            if (ReadRelease(entry, $"versions[{index}]", problems) is { } release)
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

    private static KubernetesRelease? ReadRelease(ReleaseDocument entry, string at, List<Problem> problems)
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

        var addons = ReadAddons(entry, at, problems);
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

    /// <summary>A version for every installed add-on of the registry (optional ones may be missing), and nothing else.</summary>
    private static ImmutableArray<Addon>? ReadAddons(ReleaseDocument entry, string at, List<Problem> problems)
    {
        var count = problems.Count;
        var managed = entry.Managed ?? [];
        var helm = entry.Helm ?? [];
        string Kinds(AddonKind kind) => string.Join(", ", AddonRegistry.Installed.Where(a => a.Kind == kind).Select(a => a.Name));
        problems.AddRange(managed.Keys.Where(name => AddonRegistry.Find(name) is not { IsInstalled: true, Kind: AddonKind.Managed })
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.managed.{name}", managed[name], $"not a managed add-on this tool installs ({Kinds(AddonKind.Managed)}).")));
        problems.AddRange(helm.Keys.Where(name => AddonRegistry.Find(name) is not { IsInstalled: true, Kind: AddonKind.Helm })
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.helm.{name}", helm[name]?.Version, $"not a Helm add-on this tool installs ({Kinds(AddonKind.Helm)}).")));

        var addons = new List<Addon>();
        foreach (var definition in AddonRegistry.Installed)
        {
            var name = definition.Kind == AddonKind.Managed ? $"{at}.managed.{definition.Name}" : $"{at}.helm.{definition.Name}";
            var (version, appVersion) = definition.Kind == AddonKind.Managed
                ? (managed.GetValueOrDefault(definition.Name), null)
                : (helm.GetValueOrDefault(definition.Name)?.Version, helm.GetValueOrDefault(definition.Name)?.AppVersion);
            if (string.IsNullOrWhiteSpace(version) && definition.OptionalPerMinor)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(version) || (definition.Kind == AddonKind.Helm && string.IsNullOrWhiteSpace(appVersion)))
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, name, version, definition.Kind == AddonKind.Managed
                    ? "every minor pins every managed add-on to an EKS add-on version."
                    : "every minor pins every Helm add-on to a chart version and its app version."));
                continue;
            }

            addons.Add(new Addon(definition, version.Trim()) { AppVersion = appVersion?.Trim() });
        }

        return problems.Count == count ? [.. addons] : null;
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

        public List<ReleaseDocument>? Versions { get; set; }
    }

    private sealed class PricingDocument
    {
        public decimal? StandardPerClusterHour { get; set; }

        public decimal? ExtendedPerClusterHour { get; set; }
    }

    private sealed class ReleaseDocument
    {
        public string? Kubernetes { get; set; }

        public string? Released { get; set; }

        public string? EndOfStandardSupport { get; set; }

        public string? EndOfExtendedSupport { get; set; }

        public string? AmiReleaseVersion { get; set; }

        /// <summary>Where this block's facts come from, for reviewers; the keys of the document's sources list.</summary>
        public string? Source { get; set; }

        public Dictionary<string, string?>? Managed { get; set; }

        public Dictionary<string, HelmPinDocument?>? Helm { get; set; }
    }

    private sealed class HelmPinDocument
    {
        public string? Version { get; set; }

        public string? AppVersion { get; set; }
    }
}
