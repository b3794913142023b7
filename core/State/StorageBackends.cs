using System.Collections.Immutable;

namespace BlueGreen.Core.State;

/// <summary>What kind of volume a storage class gives, which decides whether green can reach blue's data at all.</summary>
public enum StorageBackend
{
    /// <summary>An EBS volume: in one availability zone, attached to nodes of one cluster.</summary>
    Ebs,

    /// <summary>An EFS file system: regional, mountable from both colors at once.</summary>
    Efs,

    /// <summary>A class neither the manifests nor the well-known EKS names explain.</summary>
    Unknown,
}

/// <summary>A claim's storage class resolved to its backend, and what that means across the two clusters.</summary>
public sealed record StorageClassResolution(string? StorageClass, string? Provisioner, StorageBackend Backend)
{
    public string AcrossClusters => Backend switch
    {
        StorageBackend.Ebs => "EBS: bound to one availability zone and to blue's cluster; green cannot mount it, the data must move by snapshot or backup",
        StorageBackend.Efs => "EFS: both colors can mount the same file system; nothing needs copying, but both writing at once must be safe for the application",
        _ when StorageClass is null => "no storage class: the cluster's default class decides (gp2, EBS, on EKS clusters that still mark it default); name the class to know",
        _ => $"unknown {(Provisioner is null ? $"class {StorageClass}" : $"provisioner {Provisioner}")}: what it means across clusters is not known here; check whether green can reach this data",
    };
}

/// <summary>
/// Resolves storage classes: first by the StorageClass objects the manifests declare (their provisioner), then by the
/// names EKS clusters commonly carry.
/// </summary>
public static class StorageBackends
{
    private static readonly ImmutableDictionary<string, StorageBackend> Provisioners = new Dictionary<string, StorageBackend>(StringComparer.Ordinal)
    {
        ["ebs.csi.aws.com"] = StorageBackend.Ebs,
        ["kubernetes.io/aws-ebs"] = StorageBackend.Ebs,
        ["efs.csi.aws.com"] = StorageBackend.Efs,
    }.ToImmutableDictionary();

    // gp2 is the class EKS created by default; the others are the names the EBS and EFS CSI drivers' docs use.
    private static readonly ImmutableDictionary<string, string> WellKnownClasses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gp2"] = "kubernetes.io/aws-ebs",
        ["gp3"] = "ebs.csi.aws.com",
        ["io1"] = "ebs.csi.aws.com",
        ["io2"] = "ebs.csi.aws.com",
        ["st1"] = "ebs.csi.aws.com",
        ["sc1"] = "ebs.csi.aws.com",
        ["ebs-sc"] = "ebs.csi.aws.com",
        ["efs-sc"] = "efs.csi.aws.com",
        ["efs"] = "efs.csi.aws.com",
    }.ToImmutableDictionary();

    /// <param name="declared">Storage class name to provisioner, from the StorageClass objects in the manifests.</param>
    public static StorageClassResolution Resolve(string? storageClass, IReadOnlyDictionary<string, string> declared)
    {
        if (storageClass is null)
        {
            return new(null, null, StorageBackend.Unknown);
        }

        var provisioner = declared.GetValueOrDefault(storageClass) ?? WellKnownClasses.GetValueOrDefault(storageClass);
        var backend = provisioner is null ? StorageBackend.Unknown : Provisioners.GetValueOrDefault(provisioner, StorageBackend.Unknown);
        return new(storageClass, provisioner, backend);
    }
}
