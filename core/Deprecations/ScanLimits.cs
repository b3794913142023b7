namespace BlueGreen.Core.Deprecations;

/// <summary>
/// Where a scan stops reading rather than run out of memory or time; each is reported as an error on the file that
/// reaches it (an error blocks, since what the rest of the file declares is unknown). Documented in the README.
/// </summary>
public static class ScanLimits
{
    /// <summary>
    /// A file is read whole into a reused buffer, so its size bounds the scan's memory: 256 MiB is ten times the
    /// largest manifest bundles seen in practice (CRD bundles, cluster exports) and keeps two readers under 1 GiB.
    /// </summary>
    public const int MaxFileBytes = 256 * 1024 * 1024;

    /// <summary>
    /// Mappings and sequences nested deeper than this stop the reading of a file. Manifests nest a few dozen levels;
    /// a limit keeps pathological input (20,000 nested Lists, 200,000 nested "[") linear and off the call stack.
    /// </summary>
    public const int MaxNestingDepth = 1000;
}
