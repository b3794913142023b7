using System.Collections.Immutable;
using BlueGreen.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BlueGreen.Core.Catalog.Refresh;

/// <summary>One release of a chart in a repository's index.yaml.</summary>
public sealed record ChartRelease(ChartVersion Version, string AppVersion);

/// <summary>A Helm chart repository's index.yaml: the releases of each chart it serves.</summary>
public sealed class ChartIndex
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private readonly ImmutableDictionary<string, ImmutableArray<ChartRelease>> _releases;

    private ChartIndex(ImmutableDictionary<string, ImmutableArray<ChartRelease>> releases) => _releases = releases;

    public ImmutableArray<ChartRelease> Releases(string chart) => _releases.GetValueOrDefault(chart, []);

    /// <param name="url">Where the index was read, named in any problem.</param>
    public static Validated<ChartIndex> Parse(string yaml, string url)
    {
        IndexFile? file;
        try
        {
            file = Deserializer.Deserialize<IndexFile?>(yaml);
        }
        catch (YamlException e)
        {
            return Invalid(url, $"line {e.Start.Line}: {(e.InnerException ?? e).Message}");
        }

        if (file?.Entries is not { } entries)
        {
            return Invalid(url, "it has no \"entries\"");
        }

        var releases = entries.ToImmutableDictionary(
            e => e.Key,
            e => (e.Value ?? [])
                .Where(r => r?.AppVersion is not null && ChartVersion.TryParse(r.Version, out _))
                .Select(r => new ChartRelease(ChartVersion.Parse(r!.Version!), r.AppVersion!))
                .ToImmutableArray(),
            StringComparer.Ordinal);
        return Validated<ChartIndex>.Valid(new ChartIndex(releases));
    }

    private static Validated<ChartIndex> Invalid(string url, string why) =>
        Validated<ChartIndex>.Invalid([Problem.Error(ProblemCodes.RefreshSourceInvalid, url, null, $"the answer is not a Helm repository index.yaml: {why}.")]);

    // YamlDotNet fills these by reflection; only the fields a refresh needs are read.
    private sealed class IndexFile
    {
        public Dictionary<string, List<IndexEntry?>?>? Entries { get; set; }
    }

    private sealed class IndexEntry
    {
        public string? Version { get; set; }

        public string? AppVersion { get; set; }
    }
}

/// <summary>A chart's SemVer version, ordered numerically; a pre-release (9.60.0-rc.1) is never chosen by a refresh.</summary>
public sealed record ChartVersion(System.Version Number, string? PreRelease, string Text) : IComparable<ChartVersion>
{
    public bool IsPreRelease => PreRelease is not null;

    public static bool TryParse(string? text, out ChartVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var core = text.Trim().TrimStart('v').Split('+')[0];
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        var number = dash < 0 ? core : core[..dash];
        if (!System.Version.TryParse(number, out var parsed) || parsed.Build < 0)
        {
            return false;
        }

        version = new ChartVersion(parsed, dash < 0 ? null : core[(dash + 1)..], text.Trim());
        return true;
    }

    public static ChartVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a SemVer version.");

    /// <summary>The major.minor line of an app version ("v1.35.2" → "1.35"), or null when it is not a version.</summary>
    public static string? Line(string appVersion) =>
        TryParse(appVersion, out var version) ? $"{version.Number.Major}.{version.Number.Minor}" : null;

    public int CompareTo(ChartVersion? other) =>
        other is null ? 1
        : Number.CompareTo(other.Number) is var byNumber and not 0 ? byNumber
        : (PreRelease, other.PreRelease) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => string.CompareOrdinal(PreRelease, other.PreRelease),
        };

    public override string ToString() => Text;
}
