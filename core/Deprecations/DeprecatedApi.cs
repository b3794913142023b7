using BlueGreen.Core.Model;

namespace BlueGreen.Core.Deprecations;

/// <summary>One row of the deprecated-API table: an apiVersion/kind pair and the minors that deprecated and removed it.</summary>
public sealed record DeprecatedApi
{
    /// <summary>The apiVersion exactly as a manifest declares it ("apps/v1beta1", or "v1" for the core group).</summary>
    public required string ApiVersion { get; init; }

    public required string Kind { get; init; }

    /// <summary>The first minor that serves this apiVersion/kind; absent where the sources do not say.</summary>
    public KubernetesVersion? IntroducedIn { get; init; }

    /// <summary>Absent where the sources do not say when the deprecation started.</summary>
    public KubernetesVersion? DeprecatedIn { get; init; }

    /// <summary>The first minor that no longer serves the API; absent while it is still served with no removal planned.</summary>
    public KubernetesVersion? RemovedIn { get; init; }

    /// <summary>The apiVersion to migrate to, or a note when there is no drop-in replacement.</summary>
    public required string Replacement { get; init; }

    /// <summary>The first minor that serves <see cref="Replacement"/>; absent when the replacement is a note, not an apiVersion.</summary>
    public KubernetesVersion? ReplacementAvailableIn { get; init; }

    /// <summary>True when <paramref name="version"/> serves this apiVersion/kind, as far as the table knows.</summary>
    public bool IsServedIn(KubernetesVersion version) => IntroducedIn is { } introduced && version >= introduced && !IsRemovedIn(version);

    public bool IsRemovedIn(KubernetesVersion version) => RemovedIn is { } removed && version >= removed;

    public bool IsDeprecatedIn(KubernetesVersion version) => DeprecatedIn is { } deprecated && version >= deprecated;
}
