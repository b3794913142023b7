using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// Velero on one color. Both colors share one bucket (the shared stack's), each under its own prefix: a color writes
/// its own backup location (<c>ReadWrite</c>, the default) and reads the other's (<c>ReadOnly</c>, Velero's mode for
/// migrations and restores). So blue's backups are restorable on green, green's on blue once green serves, and
/// neither color can overwrite or delete the other's backups, whichever of the two the leapfrog created last.
/// </summary>
public static class BackupBlueprint
{
    /// <summary>The CSI driver whose snapshots Velero takes: the EBS CSI driver the aws-ebs-csi-driver add-on installs.</summary>
    public const string EbsCsiDriver = "ebs.csi.aws.com";

    /// <summary>The VolumeSnapshotClass declared on both colors; Velero picks the class labelled for it per driver.</summary>
    public const string SnapshotClassName = "ebs-csi-velero";

    /// <summary>The backup location a color writes: its own color's name and prefix.</summary>
    public static string LocationOf(Color color) => color.Key();

    /// <summary>
    /// The chart values: two backup locations (own, read-write and default; other's, read-only), an EBS snapshot
    /// location, the AWS plugin pinned by the catalog, IRSA instead of a credentials secret, CSI snapshots enabled, and
    /// the VolumeSnapshotClass for the EBS CSI driver. Bucket, region and role ARN are bound once they exist.
    /// </summary>
    /// <param name="csiSnapshots">
    /// True when the cluster has the snapshot-controller add-on, which serves the VolumeSnapshot APIs: only then is the
    /// VolumeSnapshotClass declared and Velero's CSI support turned on; without it Velero snapshots EBS volumes through
    /// its AWS plugin alone.
    /// </param>
    public static ImmutableSortedDictionary<string, object> Values(Addon velero, Color color, bool csiSnapshots)
    {
        var plugin = velero.PluginVersion
            ?? throw new InvalidOperationException($"The catalog pins no {velero.Definition.PluginImage} for {velero.Name}; the catalog reader requires one.");
        var other = color == Color.Blue ? Color.Green : Color.Blue;
        var configuration = Map(
            ("backupStorageLocation", List(Location(color, AccessMode.ReadWrite), Location(other, AccessMode.ReadOnly))),
            ("volumeSnapshotLocation", List(Map(("name", "default"), ("provider", "aws"), ("config", Map())))));
        var values = Map(
            ("configuration", configuration),
            ("credentials", Map(("useSecret", false))),

            // The chart's own advice for IRSA (values.yaml, podSecurityContext): a group that may read the projected token.
            ("podSecurityContext", Map(("fsGroup", 1337))),
            ("serviceAccount", Map(("server", Map(("create", true), ("name", AddonRegistry.Velero.ServiceAccount))))),
            ("snapshotsEnabled", true),
            ("initContainers", List(Map(
                ("name", "velero-plugin-for-aws"),
                ("image", $"{velero.Definition.PluginImage}:{plugin}"),
                ("imagePullPolicy", "IfNotPresent"),
                ("volumeMounts", List(Map(("mountPath", "/target"), ("name", "plugins"))))))));
        return csiSnapshots
            ? values
                .SetItem("configuration", configuration.Add("features", "EnableCSI")) // Velero 1.14+ has CSI built in, behind this flag.
                .Add("extraObjects", List(SnapshotClass()))
            : values;
    }

    /// <summary>
    /// https://velero.io/docs/main/csi/: Velero uses the VolumeSnapshotClass of the volume's driver that carries the
    /// label <c>velero.io/csi-volumesnapshot-class</c>; <c>Retain</c> keeps the EBS snapshot when its Kubernetes object
    /// goes with the namespace, so a backup outlives what it backed up.
    /// </summary>
    public static ImmutableSortedDictionary<string, object> SnapshotClass() => Map(
        ("apiVersion", "snapshot.storage.k8s.io/v1"),
        ("kind", "VolumeSnapshotClass"),
        ("metadata", Map(("name", SnapshotClassName), ("labels", Map(("velero.io/csi-volumesnapshot-class", "true"))))),
        ("driver", EbsCsiDriver),
        ("deletionPolicy", "Retain"));

    private static ImmutableSortedDictionary<string, object> Location(Color color, AccessMode mode) => Map(
        ("name", LocationOf(color)),
        ("provider", "aws"),
        ("prefix", LocationOf(color)),
        ("default", mode == AccessMode.ReadWrite),
        ("accessMode", mode.ToString()),
        ("config", Map()));

    private static ImmutableArray<object> List(params object[] items) => [.. items];

    private static ImmutableSortedDictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Velero's BackupStorageLocation access modes, as its API spells them.</summary>
    private enum AccessMode
    {
        ReadWrite,
        ReadOnly,
    }
}
