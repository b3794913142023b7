using System.Collections.Immutable;
using System.Globalization;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog;

/// <summary>
/// The EKS Kubernetes minors this tool knows: their support calendar and the add-on versions pinned for each,
/// read from the embedded <c>eks-versions.data.yaml</c>. Every query is a pure function of the catalog and its arguments.
/// </summary>
public sealed class VersionCatalog
{
    public const string ResourceName = "eks-versions.data.yaml";

    /// <summary>Past this age the catalog may miss newer minors, add-on builds and calendar changes.</summary>
    public const int MaxAgeDays = 90;

    private static readonly Lazy<VersionCatalog> EmbeddedCatalog = new(LoadEmbedded);

    private readonly ImmutableSortedDictionary<KubernetesVersion, KubernetesRelease> _releases;

    internal VersionCatalog(DateOnly asOf, ClusterPricing pricing, IEnumerable<KubernetesRelease> releases, ImmutableArray<string> sources)
    {
        AsOf = asOf;
        Pricing = pricing;
        Sources = sources;
        _releases = releases.ToImmutableSortedDictionary(r => r.Version, r => r);
        Releases = [.. _releases.Values];
        Versions = [.. _releases.Keys];
    }

    /// <summary>The catalog shipped inside this assembly; an invalid one is a bug in the build and throws.</summary>
    public static VersionCatalog Embedded => EmbeddedCatalog.Value;

    /// <summary>The date the catalog's facts were last checked against AWS and upstream documentation.</summary>
    public DateOnly AsOf { get; }

    public ClusterPricing Pricing { get; }

    /// <summary>Where the facts come from, as listed in the data file.</summary>
    public ImmutableArray<string> Sources { get; }

    /// <summary>Every minor in the catalog, oldest first.</summary>
    public IReadOnlyList<KubernetesVersion> Versions { get; }

    /// <summary>Every release in the catalog, oldest first.</summary>
    public IReadOnlyList<KubernetesRelease> Releases { get; }

    public KubernetesVersion Newest => Versions[^1];

    /// <summary>Reads catalog text; throws when it is invalid, since callers pass text they own.</summary>
    public static VersionCatalog Load(string yaml) => Parse(yaml).Require();

    /// <summary>Reads catalog text, reporting every problem in it at once; for text a user supplies.</summary>
    public static Validated<VersionCatalog> Parse(string yaml, string? file = null) => CatalogReader.Read(yaml, file);

    public KubernetesRelease? Find(KubernetesVersion version) => _releases.GetValueOrDefault(version);

    /// <summary>The add-on versions pinned for a minor the caller knows is in the catalog; another is a bug at the caller.</summary>
    public AddonVersions AddonsFor(KubernetesVersion version) =>
        Find(version)?.Addons ?? throw new ArgumentOutOfRangeException(nameof(version), version, $"Kubernetes {version} is not in the version catalog ({Span}).");

    public SupportStatus SupportOn(KubernetesVersion version, DateOnly today)
    {
        if (Find(version) is not { } release)
        {
            return new SupportStatus
            {
                Version = version,
                On = today,
                Phase = SupportPhase.NotInCatalog,
                Explanation = $"Kubernetes {version} is not in the version catalog ({Span}, as of {Format(AsOf)}); its EKS support cannot be checked.",
            };
        }

        var standard = Money(Pricing.StandardPerHour);
        var extended = Money(Pricing.ExtendedPerHour);
        var multiple = Pricing.ExtendedMultiple.ToString("0.#", CultureInfo.InvariantCulture);

        SupportStatus Status(SupportPhase phase, DateOnly? ends, decimal? price, string explanation) => new()
        {
            Version = version,
            On = today,
            Release = release,
            Phase = phase,
            PhaseEnds = ends,
            PricePerClusterHour = price,
            Explanation = explanation,
        };

        if (today < release.Released)
        {
            return Status(SupportPhase.NotYetReleased, release.Released, null,
                $"Kubernetes {version} is not available on EKS before {Format(release.Released)} ({Days(release.Released, today)} from {Format(today)}).");
        }

        if (today < release.EndOfStandardSupport)
        {
            return Status(SupportPhase.Standard, release.EndOfStandardSupport, Pricing.StandardPerHour,
                $"Kubernetes {version} is in EKS standard support ({standard} per cluster-hour) until {Format(release.EndOfStandardSupport)}, "
                    + $"{Days(release.EndOfStandardSupport, today)} from {Format(today)}. After that it runs in extended support at {extended} per cluster-hour "
                    + $"({multiple} times the price) until {Format(release.EndOfExtendedSupport)}, or, with the STANDARD upgrade policy, EKS upgrades it then.");
        }

        if (today < release.EndOfExtendedSupport)
        {
            return Status(SupportPhase.Extended, release.EndOfExtendedSupport, Pricing.ExtendedPerHour,
                $"Kubernetes {version} left EKS standard support on {Format(release.EndOfStandardSupport)} and is in extended support, "
                    + $"which costs {extended} instead of {standard} per cluster-hour ({multiple} times the price). Extended support ends on "
                    + $"{Format(release.EndOfExtendedSupport)}, {Days(release.EndOfExtendedSupport, today)} from {Format(today)}; then EKS upgrades the cluster by force.");
        }

        return Status(SupportPhase.Unsupported, null, null,
            $"Kubernetes {version} left EKS extended support on {Format(release.EndOfExtendedSupport)}: EKS upgrades such clusters by force "
                + "and no new cluster can be created on it.");
    }

    /// <summary>A warning when the catalog is more than <see cref="MaxAgeDays"/> days old on <paramref name="today"/>.</summary>
    public Problem? Staleness(DateOnly today)
    {
        var age = today.DayNumber - AsOf.DayNumber;
        return age <= MaxAgeDays
            ? null
            : Problem.Warning(ProblemCodes.CatalogStale, "asOf", Format(AsOf),
                $"the version catalog is {age} days old (more than {MaxAgeDays}): newer Kubernetes minors, add-on builds or support dates may be missing; "
                + $"refresh {ResourceName} from the EKS documentation.") with { File = ResourceName };
    }

    private string Span => Versions.Count == 0 ? "it is empty" : $"it knows {Versions[0]} to {Newest}";

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("$0.00", CultureInfo.InvariantCulture);

    private static string Days(DateOnly later, DateOnly earlier) => (later.DayNumber - earlier.DayNumber) switch
    {
        1 => "1 day",
        var n => $"{n} days",
    };

    private static VersionCatalog LoadEmbedded()
    {
        var catalog = CatalogReader.Read(EmbeddedData.EksVersions(), ResourceName);
        return catalog.IsValid
            ? catalog.Require()
            : throw new InvalidOperationException($"The embedded {ResourceName} is invalid: {string.Join("; ", catalog.Errors)}");
    }
}
