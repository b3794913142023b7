namespace BlueGreen.Core.Settings;

/// <summary>
/// The shared stack: what must outlive both colors, today the bucket Velero keeps both colors' backups in. It reads no
/// other stack, so the colors can read it without a cycle (the traffic stack reads the colors).
/// </summary>
public sealed record SharedStackSettings : StackSettings
{
    /// <summary>Days a deleted or replaced backup object is kept (noncurrent versions of the versioned bucket).</summary>
    public required int BackupRetentionDays { get; init; }
}

/// <summary>The shared stack's settings.</summary>
internal static class SharedSettingsParser
{
    public static SharedStackSettings? Parse(StackConfig config, ConfigReader read)
    {
        var days = read.Int(SettingKeys.BackupRetentionDays, required: true, 1, 3650, "30");
        return days is { } retention
            ? new SharedStackSettings { Source = config, BackupRetentionDays = retention }
            : null;
    }
}
