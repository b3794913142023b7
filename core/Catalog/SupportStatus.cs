using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog;

public enum SupportPhase
{
    /// <summary>The catalog has no entry for this minor: it is unknown, not necessarily unsupported.</summary>
    NotInCatalog,

    /// <summary>In the catalog, but EKS does not offer it yet on the date asked.</summary>
    NotYetReleased,

    Standard,

    /// <summary>Still runs, at the extended-support cluster-hour price.</summary>
    Extended,

    /// <summary>Extended support has ended: EKS upgrades such clusters by force.</summary>
    Unsupported,
}

/// <summary>Where a Kubernetes minor stands in the EKS support calendar on one date, and what that means for the user.</summary>
public sealed record SupportStatus
{
    public required KubernetesVersion Version { get; init; }

    public required DateOnly On { get; init; }

    public required SupportPhase Phase { get; init; }

    /// <summary>The catalog entry, absent when <see cref="Phase"/> is <see cref="SupportPhase.NotInCatalog"/>.</summary>
    public KubernetesRelease? Release { get; init; }

    /// <summary>The first day the current phase no longer applies; absent for the phases that do not end.</summary>
    public DateOnly? PhaseEnds { get; init; }

    /// <summary>Days from <see cref="On"/> to <see cref="PhaseEnds"/>.</summary>
    public int? DaysLeft => PhaseEnds is { } ends ? ends.DayNumber - On.DayNumber : null;

    /// <summary>The control plane price per cluster-hour in this phase; absent when no cluster can run in it.</summary>
    public decimal? PricePerClusterHour { get; init; }

    /// <summary>The control plane price of a month (<see cref="ClusterPricing.HoursPerMonth"/> hours) in this phase.</summary>
    public decimal? PricePerMonth => PricePerClusterHour * ClusterPricing.HoursPerMonth;

    public DateOnly? EndOfStandardSupport => Release?.EndOfStandardSupport;

    public DateOnly? EndOfExtendedSupport => Release?.EndOfExtendedSupport;

    public bool IsSupported => Phase is SupportPhase.Standard or SupportPhase.Extended;

    /// <summary>One or two sentences for a plan: the phase, its end, the cost, and what EKS does next.</summary>
    public required string Explanation { get; init; }

    public override string ToString() => Explanation;
}
