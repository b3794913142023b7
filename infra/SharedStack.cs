using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;
using Pulumi;
using Aws = Pulumi.Aws;

namespace BlueGreen.Infra;

/// <summary>
/// The shared stack: what must outlive both colors. Today the bucket both colors' Velero back up to. It reads no other
/// stack, so the cluster stacks can read it without a cycle (the traffic stack already reads them).
/// </summary>
internal static class SharedStack
{
    public static IDictionary<string, object?> Declare(SharedStackSettings settings)
    {
        // Protected: backups must survive a mistaken `pulumi destroy` of this stack as well as the end of either color.
        var bucket = new Aws.S3.Bucket("backups", new Aws.S3.BucketArgs
        {
            Tags = { { "bluegreen/purpose", "velero-backups" } },
        }, new CustomResourceOptions { Protect = true });
        var child = new CustomResourceOptions { Parent = bucket };

        // Velero overwrites and deletes its objects as backups expire; versions keep what a mistake removed.
        new Aws.S3.BucketVersioning("backups-versioning", new Aws.S3.BucketVersioningArgs
        {
            Bucket = bucket.Id,
            VersioningConfiguration = new Aws.S3.Inputs.BucketVersioningVersioningConfigurationArgs { Status = "Enabled" },
        }, child);
        new Aws.S3.BucketServerSideEncryptionConfiguration("backups-encryption", new Aws.S3.BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "aws:kms",
                    },
                    BucketKeyEnabled = true,
                },
            },
        }, child);
        new Aws.S3.BucketPublicAccessBlock("backups-public-access", new Aws.S3.BucketPublicAccessBlockArgs
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        }, child);
        new Aws.S3.BucketLifecycleConfiguration("backups-lifecycle", new Aws.S3.BucketLifecycleConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new Aws.S3.Inputs.BucketLifecycleConfigurationRuleArgs
                {
                    Id = "expire-replaced-backups",
                    Status = "Enabled",
                    Filter = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleFilterArgs { Prefix = "" },
                    NoncurrentVersionExpiration = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs
                    {
                        NoncurrentDays = settings.BackupRetentionDays,
                    },
                    AbortIncompleteMultipartUpload = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs
                    {
                        DaysAfterInitiation = 7,
                    },
                },
            },
        }, child);

        return new Dictionary<string, object?>
        {
            // An S3 bucket's id is its name.
            [SharedStackOutputs.BackupBucket] = bucket.Id,
        };
    }
}
