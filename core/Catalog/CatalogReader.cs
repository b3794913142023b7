using System.Collections.Immutable;
using System.Globalization;
using BlueGreen.Core.Model;
using YamlDotNet.Core;

namespace BlueGreen.Core.Catalog;

/// <summary>Turns catalog YAML into a <see cref="VersionCatalog"/>, reporting every missing or inconsistent fact with its key.</summary>
internal static class CatalogReader
{
    private const string DateFormat = "yyyy-MM-dd";

    public static Validated<VersionCatalog> Read(string yaml, string? file) => Read(() => YamlData.Parse(new StringReader(yaml)), file);

    /// <summary>A catalog already read into a tree: the built-in one (EmbeddedData) is compiled in, not parsed.</summary>
    public static Validated<VersionCatalog> Read(YamlData? document, string? file) => Read(() => document, file);

    private static Validated<VersionCatalog> Read(Func<YamlData?> document, string? file)
    {
        try
        {
            return FromDocument(document(), file);
        }
        catch (YamlException e)
        {
            // A syntax error, a misspelt key or a value of the wrong shape: the catalog cannot be read past it.
            var message = (e.InnerException ?? e).Message;
            return Invalid(file, [Problem.Error(ProblemCodes.CatalogInvalid, $"line {e.Start.Line}", null, message)]);
        }
    }

    private static Validated<VersionCatalog> FromDocument(YamlData? document, string? file)
    {
        if (document is null)
        {
            return Invalid(file, [Problem.Error(ProblemCodes.CatalogInvalid, "versions", null, "the catalog is empty.")]);
        }

        // Unknown keys stay errors (OnlyKeys): in a lockfile-like table a misspelt key is a fact silently lost.
        document.OnlyKeys("asOf", "pricing", "sources", "versions");
        var problems = new List<Problem>();
        var asOf = ReadDate(document["asOf"]?.String(), "asOf", problems);
        var pricing = ReadPricing(document["pricing"]?.OnlyKeys("standardPerClusterHour", "extendedPerClusterHour"), problems);
        var sources = document["sources"]?.Items().Select(s => s.String()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToImmutableArray() ?? [];
        if (sources.IsEmpty)
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "sources", null, "list where the facts come from: every version in the catalog must be traceable."));
        }

        var releases = new List<KubernetesRelease>();
        var seen = new HashSet<KubernetesVersion>();
        var versions = document["versions"]?.Items().ToList() ?? [];
        foreach (var (entry, index) in versions.Select((e, i) => (e, i)))
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

        if (versions.Count == 0)
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "versions", null, "the catalog lists no Kubernetes version."));
        }

        if (problems.Count > 0 || asOf is null || pricing is null)
        {
            return Invalid(file, problems);
        }

        return Validated<VersionCatalog>.Valid(new VersionCatalog(asOf.Value, pricing, releases, sources));
    }

    private static KubernetesRelease? ReadRelease(YamlData entry, string at, List<Problem> problems)
    {
        // source: where this block's facts come from, for reviewers (the keys of the document's sources list).
        entry.OnlyKeys("kubernetes", "released", "endOfStandardSupport", "endOfExtendedSupport", "amiReleaseVersion", "source", "managed", "helm");
        var kubernetes = entry["kubernetes"]?.String();
        if (!KubernetesVersion.TryParse(kubernetes, out var version))
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.kubernetes", kubernetes, "expected a Kubernetes minor such as \"1.33\"."));
            return null;
        }

        at = $"versions[{version}]";
        var released = ReadDate(entry["released"]?.String(), $"{at}.released", problems);
        var standardEnds = ReadDate(entry["endOfStandardSupport"]?.String(), $"{at}.endOfStandardSupport", problems);
        var extendedEnds = ReadDate(entry["endOfExtendedSupport"]?.String(), $"{at}.endOfExtendedSupport", problems);
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
            AmiReleaseVersion = entry["amiReleaseVersion"]?.String() is { } ami && !string.IsNullOrWhiteSpace(ami) ? ami.Trim() : null,
            Addons = new AddonVersions { KubernetesVersion = version, All = addons.Value },
        };
    }

    /// <summary>A version for every installed add-on of the registry (optional ones may be missing), and nothing else.</summary>
    private static ImmutableArray<Addon>? ReadAddons(YamlData entry, string at, List<Problem> problems)
    {
        var count = problems.Count;
        var managed = (entry["managed"]?.Entries() ?? []).ToDictionary(e => e.Key.String() ?? "", e => e.Value.String());
        var helm = (entry["helm"]?.Entries() ?? []).ToDictionary(
            e => e.Key.String() ?? "",
            e => ReadHelmPin(e.Value));
        string Kinds(AddonKind kind) => string.Join(", ", AddonRegistry.Installed.Where(a => a.Kind == kind).Select(a => a.Name));
        problems.AddRange(managed.Keys.Where(name => AddonRegistry.Find(name) is not { IsInstalled: true, Kind: AddonKind.Managed })
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.managed.{name}", managed[name], $"not a managed add-on this tool installs ({Kinds(AddonKind.Managed)}).")));
        problems.AddRange(helm.Keys.Where(name => AddonRegistry.Find(name) is not { IsInstalled: true, Kind: AddonKind.Helm })
            .Select(name => Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.helm.{name}", helm[name].Version, $"not a Helm add-on this tool installs ({Kinds(AddonKind.Helm)}).")));

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

            var plugin = helm.GetValueOrDefault(definition.Name)?.Plugin;
            if (version is not null && definition.PluginImage is not null && string.IsNullOrWhiteSpace(plugin))
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, name, version, $"pins the {definition.PluginImage} image per minor too (plugin: v1.13.2)."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(version) || (definition.Kind == AddonKind.Helm && string.IsNullOrWhiteSpace(appVersion)))
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, name, version, definition.Kind == AddonKind.Managed
                    ? "every minor pins every managed add-on to an EKS add-on version."
                    : "every minor pins every Helm add-on to a chart version and its app version."));
                continue;
            }

            addons.Add(new Addon(definition, version.Trim()) { AppVersion = appVersion?.Trim(), PluginVersion = plugin?.Trim() });
        }

        return problems.Count == count ? [.. addons] : null;
    }

    private static HelmPin ReadHelmPin(YamlData pin)
    {
        pin.OnlyKeys("version", "appVersion", "plugin");
        return new HelmPin(pin["version"]?.String(), pin["appVersion"]?.String(), pin["plugin"]?.String());
    }

    private static ClusterPricing? ReadPricing(YamlData? pricing, List<Problem> problems)
    {
        if (pricing?["standardPerClusterHour"]?.Number<decimal>() is > 0 and var standard && pricing["extendedPerClusterHour"]?.Number<decimal>() is > 0 and var extended)
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

    /// <summary>A Helm add-on's pin as written (plugin: the image an add-on such as Velero pins per minor); any part may be missing, which <see cref="ReadAddons"/> reports.</summary>
    private sealed record HelmPin(string? Version, string? AppVersion, string? Plugin);
}
