using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Deprecations;

public enum ApiStatus
{
    /// <summary>The target version no longer serves the API: applying the manifest fails. Blocks the upgrade.</summary>
    Removed,

    /// <summary>The target version still serves the API but warns about it. Does not block.</summary>
    Deprecated,
}

/// <summary>Where, relative to the upgrade, a removal happened: decides what the user has to tell their team.</summary>
public enum RemovalTiming
{
    /// <summary>Removed in the target version itself.</summary>
    InTarget,

    /// <summary>Removed in a minor strictly between the source and the target: a version the blue/green jump skips.</summary>
    InSkippedMinor,

    /// <summary>Removed at or before the source version: the blue cluster cannot be serving it either.</summary>
    BeforeSource,

    /// <summary>Removed before the target when no source version is known.</summary>
    BeforeTarget,
}

/// <summary>A manifest object whose apiVersion/kind the target version removed or deprecated.</summary>
public sealed record ApiFinding
{
    public required ManifestObject Object { get; init; }

    public required DeprecatedApi Api { get; init; }

    public required ApiStatus Status { get; init; }

    /// <summary>Set for removed APIs only.</summary>
    public RemovalTiming? Timing { get; init; }

    /// <summary>
    /// What to migrate to for the target version: the table's replacement, followed while that replacement is itself
    /// removed by the target (flowcontrol v1beta1 → v1beta2 → v1beta3 → v1).
    /// </summary>
    public required string Replacement { get; init; }

    /// <summary>One sentence for people: when the removal or deprecation happened relative to this upgrade.</summary>
    public required string Explanation { get; init; }

    public bool IsBlocking => Status == ApiStatus.Removed;
}

/// <summary>A file that could not be read or parsed; the scan of the other files goes on.</summary>
/// <param name="Line">1-based line of the problem when the parser knows it.</param>
public sealed record ScanError(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}

/// <summary>How far a scan has got, for a progress bar.</summary>
public sealed record ScanProgress(int FilesDone, int FilesTotal);

/// <summary>Everything a scan found, in a deterministic order (file, then line).</summary>
public sealed record ScanReport
{
    public required KubernetesVersion Target { get; init; }

    public KubernetesVersion? From { get; init; }

    public required ImmutableArray<ApiFinding> Findings { get; init; }

    public required ImmutableArray<ScanError> Errors { get; init; }

    public required int FilesScanned { get; init; }

    public required int ObjectsSeen { get; init; }

    /// <summary>
    /// Set when the target is newer than every minor the removal table was reviewed for: what that minor removed is
    /// unknown, so an empty report does not prove the manifests fit it.
    /// </summary>
    public string? Caveat { get; init; }

    /// <summary>
    /// Set when the paths held no Kubernetes object at all (a mistyped path, a folder of unrendered charts): an empty
    /// scan proves nothing, so it is a caution rather than a clean bill.
    /// </summary>
    public string? NothingFound => ObjectsSeen == 0
        ? $"no Kubernetes objects were found in the {FilesScanned} {(FilesScanned == 1 ? "file" : "files")} scanned: nothing was checked"
        : null;

    public IEnumerable<ApiFinding> Removed => Findings.Where(f => f.Status == ApiStatus.Removed);

    public IEnumerable<ApiFinding> Deprecated => Findings.Where(f => f.Status == ApiStatus.Deprecated);

    /// <summary>
    /// A removed API blocks the upgrade; so does a file that could not be parsed, because what it declares is unknown.
    /// </summary>
    public bool IsBlocking => Removed.Any() || !Errors.IsEmpty;
}
