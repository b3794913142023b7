using BlueGreen.Core.Model;

namespace BlueGreen.Core.State;

/// <summary>A Velero backup storage location as <c>velero backup-location get -o json</c> shows it.</summary>
/// <param name="Prefix">The folder of the bucket it uses (<c>spec.objectStorage.prefix</c>), null for the bucket's root.</param>
/// <param name="AccessMode">ReadWrite (Velero's default) or ReadOnly.</param>
public sealed record BackupLocation(string Name, string? Bucket, string? Prefix, string AccessMode)
{
    public bool IsReadOnly => AccessMode == "ReadOnly";
}

/// <summary>
/// The one bucket both colors' Velero share, each color under its own prefix (its color's name): a color writes its own
/// prefix and reads the other's read-only, as the cluster stacks deploy it (BackupBlueprint). A migration's backup is
/// written by the source under its prefix and restored by the target through its read-only location on that prefix.
/// The bucket outlives both colors, so its name comes from the shared stack's <c>backupBucket</c> output.
/// </summary>
public static class BackupLocations
{
    /// <summary>The prefix a color's backups are written under (BackupBlueprint names each location and its prefix after its color).</summary>
    public static string PrefixOf(Color color) => color.Key();

    /// <summary>What one color's locations must offer a migration away from <paramref name="source"/>.</summary>
    public static IEnumerable<Problem> Check(string bucket, Color source, Color color, IReadOnlyList<BackupLocation> locations)
    {
        var key = $"{color.Key()} velero backup-location";
        var prefix = PrefixOf(source);
        var onPrefix = locations.Where(l => l.Bucket == bucket && l.Prefix?.Trim('/') == prefix).ToList();
        var found = string.Join(", ", locations.Select(l => $"{l.Name} on {l.Bucket ?? "no bucket"}/{l.Prefix?.Trim('/') ?? ""} ({l.AccessMode})"));
        if (onPrefix.Count == 0)
        {
            yield return Problem.Error(ProblemCodes.VeleroNoLocation, key, found.Length == 0 ? "none" : found, color == source
                ? $"{color.Key()}'s Velero has no backup storage location on {bucket}/{prefix}: its backups would not reach where the other color restores from"
                : $"{color.Key()}'s Velero has no backup storage location on {bucket}/{prefix}: it could not see {source.Key()}'s backups to restore them");
            yield break;
        }

        if (color == source && onPrefix.All(l => l.IsReadOnly))
        {
            yield return Problem.Error(ProblemCodes.VeleroSourceReadOnly, key, found, $"{color.Key()}'s location on {bucket}/{prefix} is ReadOnly: it could not write its backups");
        }

        if (color != source && !onPrefix.All(l => l.IsReadOnly))
        {
            yield return Problem.Warning(ProblemCodes.VeleroTargetWritable, key, found,
                $"{color.Key()} can write {source.Key()}'s backups ({bucket}/{prefix}): make that location ReadOnly, so nothing on {color.Key()} can delete or overwrite them");
        }
    }
}
