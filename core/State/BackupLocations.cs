using BlueGreen.Core.Model;

namespace BlueGreen.Core.State;

/// <summary>A Velero backup storage location as <c>velero backup-location get -o json</c> shows it.</summary>
/// <param name="AccessMode">ReadWrite (Velero's default) or ReadOnly.</param>
public sealed record BackupLocation(string Name, string? Bucket, string AccessMode)
{
    public bool IsReadOnly => AccessMode == "ReadOnly";
}

/// <summary>
/// The one bucket both colors' Velero must share: blue writes its backups there, green restores from there. The bucket
/// outlives both colors, so its name comes from the long-lived stack's <see cref="BucketOutput"/> output.
/// </summary>
public static class BackupLocations
{
    /// <summary>The output, on the traffic stack (or a long-lived shared stack), naming the backup bucket.</summary>
    public const string BucketOutput = "backupBucket";

    public static IEnumerable<Problem> Check(string bucket, Color color, IReadOnlyList<BackupLocation> locations)
    {
        var key = $"{color.Key()} velero backup-location";
        var onBucket = locations.Where(l => l.Bucket == bucket).ToList();
        var found = string.Join(", ", locations.Select(l => $"{l.Name} on {l.Bucket ?? "no bucket"} ({l.AccessMode})"));
        if (onBucket.Count == 0)
        {
            yield return Problem.Error(ProblemCodes.VeleroNoLocation, key, found.Length == 0 ? "none" : found, color == Color.Blue
                ? $"blue's Velero has no backup storage location on bucket {bucket}: its backups would not reach the bucket green restores from"
                : $"green's Velero has no backup storage location on bucket {bucket}: it could not see blue's backups to restore them");
            yield break;
        }

        if (color == Color.Blue && onBucket.All(l => l.IsReadOnly))
        {
            yield return Problem.Error(ProblemCodes.VeleroSourceReadOnly, key, found, $"blue's location on bucket {bucket} is ReadOnly: blue could not write its backups");
        }

        if (color == Color.Green && !onBucket.Any(l => l.IsReadOnly))
        {
            yield return Problem.Warning(ProblemCodes.VeleroTargetWritable, key, found,
                $"green writes to bucket {bucket} too: make its location ReadOnly until green becomes the source, so nothing on green can delete or overwrite blue's backups");
        }
    }
}
