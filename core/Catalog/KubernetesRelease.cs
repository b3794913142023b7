using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog;

/// <summary>
/// One Kubernetes minor as EKS ships it: its support calendar and the add-on versions that fit it.
/// Each end date is the first day without that support, as in the EKS release calendar.
/// </summary>
public sealed record KubernetesRelease
{
    public required KubernetesVersion Version { get; init; }

    public required DateOnly Released { get; init; }

    public required DateOnly EndOfStandardSupport { get; init; }

    public required DateOnly EndOfExtendedSupport { get; init; }

    public required AddonVersions Addons { get; init; }

    /// <summary>The EKS optimized AMI release version (<c>1.33.5-20251023</c>) node groups are pinned to, when the catalog has one.</summary>
    public string? AmiReleaseVersion { get; init; }
}

/// <summary>The EKS control plane price per cluster-hour in each support phase, in US dollars.</summary>
public sealed record ClusterPricing(decimal StandardPerHour, decimal ExtendedPerHour)
{
    /// <summary>Hours in an average month (365 × 24 / 12), the month AWS pricing examples use.</summary>
    public const int HoursPerMonth = 730;

    /// <summary>How many times the standard price extended support costs (6 at $0.60 against $0.10).</summary>
    public decimal ExtendedMultiple => ExtendedPerHour / StandardPerHour;
}
