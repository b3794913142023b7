using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Deprecations;

/// <summary>The built-in table of deprecated and removed apiVersion/kind pairs (deprecated-apis.data.yaml).</summary>
internal sealed class DeprecatedApiTable
{
    private const string ResourceName = "deprecated-apis.data.yaml";

    private static readonly Lazy<DeprecatedApiTable> Embedded = new(LoadEmbedded);

    // Keyed by apiVersion, then kind, both strings: dictionaries over reference types run the runtime's precompiled
    // shared code, where a (string, string) key made a scan JIT a FrozenDictionary over a struct first (12 ms of a
    // 100 ms ReadyToRun scan of ten files). The table is read-only once built.
    private readonly Dictionary<string, Dictionary<string, DeprecatedApi>> _byApi = new(StringComparer.Ordinal);

    private DeprecatedApiTable(KubernetesVersion reviewedThrough, ImmutableArray<DeprecatedApi> entries)
    {
        ReviewedThrough = reviewedThrough;
        Entries = entries;
        foreach (var entry in entries)
        {
            if (!_byApi.TryGetValue(entry.ApiVersion, out var byKind))
            {
                _byApi[entry.ApiVersion] = byKind = new(StringComparer.Ordinal);
            }

            if (!byKind.TryAdd(entry.Kind, entry))
            {
                throw new InvalidDataException($"{ResourceName}: {entry.ApiVersion} {entry.Kind} is listed twice.");
            }
        }
    }

    public static DeprecatedApiTable Default => Embedded.Value;

    /// <summary>The newest minor whose removals the table's sources were checked for; later removals are unknown to it.</summary>
    public KubernetesVersion ReviewedThrough { get; }

    public ImmutableArray<DeprecatedApi> Entries { get; }

    /// <summary>
    /// Exact, case-sensitive match on the whole apiVersion: a custom group that merely starts like a built-in one
    /// (apps.example.com/v1beta1) is a different API and never matches.
    /// </summary>
    public DeprecatedApi? Find(string apiVersion, string kind) =>
        _byApi.TryGetValue(apiVersion, out var byKind) ? byKind.GetValueOrDefault(kind) : null;

    /// <summary>Parses the table's YAML; a malformed table is a bug in the shipped data, hence the exception.</summary>
    internal static DeprecatedApiTable Parse(string yaml) => Read(YamlData.Parse(new StringReader(yaml)));

    private static DeprecatedApiTable Read(YamlData? document)
    {
        var file = document?.OnlyKeys("reviewedThrough", "apis");
        var entries = (file?["apis"]?.Items() ?? []).Select(ToEntry).ToImmutableArray();
        var reviewedThrough = Version(file?["reviewedThrough"]?.String(), $"{ResourceName}: reviewedThrough")
            ?? throw new InvalidDataException($"{ResourceName}: reviewedThrough is required.");
        return new DeprecatedApiTable(reviewedThrough, entries);
    }

    // Compiled in from the YAML (EmbeddedData): a scan learns the table without parsing any YAML.
    private static DeprecatedApiTable LoadEmbedded() => Read(EmbeddedData.DeprecatedApis());

    private static DeprecatedApi ToEntry(YamlData row)
    {
        // source: which source the row comes from (lifecycle, source, guide, pluto, blog); kept in the data for reviewers.
        row.OnlyKeys("apiVersion", "kind", "introducedIn", "deprecatedIn", "removedIn", "replacement", "replacementAvailableIn", "source");
        var (apiVersion, kind, replacement) = (row["apiVersion"]?.String(), row["kind"]?.String(), row["replacement"]?.String());
        var where = $"{ResourceName}: {apiVersion} {kind}";
        if (string.IsNullOrWhiteSpace(apiVersion) || string.IsNullOrWhiteSpace(kind) || string.IsNullOrWhiteSpace(replacement))
        {
            throw new InvalidDataException($"{where}: apiVersion, kind and replacement are required.");
        }

        var entry = new DeprecatedApi
        {
            ApiVersion = apiVersion,
            Kind = kind,
            IntroducedIn = Version(row["introducedIn"]?.String(), where),
            DeprecatedIn = Version(row["deprecatedIn"]?.String(), where),
            RemovedIn = Version(row["removedIn"]?.String(), where),
            Replacement = replacement,
            ReplacementAvailableIn = Version(row["replacementAvailableIn"]?.String(), where),
        };

        if (entry.RemovedIn is null && entry.DeprecatedIn is null)
        {
            throw new InvalidDataException($"{where}: neither deprecated nor removed.");
        }

        if (entry is { DeprecatedIn: { } deprecated, RemovedIn: { } removed } && removed < deprecated)
        {
            throw new InvalidDataException($"{where}: removed in {removed} before being deprecated in {deprecated}.");
        }

        if (entry is { IntroducedIn: { } introduced } && (entry.DeprecatedIn ?? entry.RemovedIn) is { } ended && ended < introduced)
        {
            throw new InvalidDataException($"{where}: deprecated or removed in {ended} before being introduced in {introduced}.");
        }

        // A replacement that is an apiVersion must say from when it is served, or no finding could tell whether the target serves it.
        if (entry.ReplacementAvailableIn is null && IsApiVersion(entry.Replacement))
        {
            throw new InvalidDataException($"{where}: replacementAvailableIn is required for the replacement {entry.Replacement}.");
        }

        return entry;
    }

    /// <summary>"apps/v1", "v1", or "discovery.k8s.io/v1 EndpointSlice"; a note ("none: ...") has a colon or spaces before any slash.</summary>
    private static bool IsApiVersion(string replacement) =>
        !replacement.Contains(':', StringComparison.Ordinal) && replacement.Split(' ')[0] is var head && (head.Contains('/', StringComparison.Ordinal) || head == "v1");

    private static KubernetesVersion? Version(string? text, string where) =>
        text is null ? null
        : KubernetesVersion.TryParse(text, out var version) ? version
        : throw new InvalidDataException($"{where}: '{text}' is not a Kubernetes minor version.");
}
