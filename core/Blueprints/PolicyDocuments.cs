using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Core.Catalog;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// The IAM documents of a cluster as JSON text, ready for <c>aws.iam</c> resources. Permission policies are data
/// (embedded <c>*.policy.json</c>); trust policies are built here because they only name who may assume a role.
/// </summary>
public static class PolicyDocuments
{
    /// <summary>
    /// The AWS Load Balancer Controller release whose upstream <c>docs/install/iam_policy.json</c> is embedded as
    /// <c>aws-load-balancer-controller.policy.json</c>; a test holds it equal to the catalog's pinned app version.
    /// </summary>
    public const string LoadBalancerControllerPolicyVersion = "v3.5.0"; // iam_policy.json of v3.5.0 equals v3.2.2's, the one embedded

    private const string ClusterNamePlaceholder = "{{clusterName}}";

    private const string BackupBucketPlaceholder = "{{backupBucket}}";

    /// <summary>
    /// The permission policy of a template, with the cluster's name (and, for Velero, the backup bucket's) put where the
    /// template scopes to it. Velero's is the AWS plugin's documented policy (velero-plugin-for-aws README, v1.13.2)
    /// without <c>s3:PutObjectTagging</c>, which only the unused <c>config.tagging</c> needs: the EBS snapshot actions,
    /// and object access to the one backup bucket.
    /// </summary>
    public static string Render(PolicyTemplate template, string clusterName, string? backupBucket = null)
    {
        if (string.IsNullOrWhiteSpace(clusterName) || clusterName.Contains('"', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{clusterName}' is not an EKS cluster name.", nameof(clusterName));
        }

        return template switch
        {
            PolicyTemplate.AwsLoadBalancerController => Embedded("aws-load-balancer-controller.policy.json"),
            PolicyTemplate.ClusterAutoscaler => Embedded("cluster-autoscaler.policy.json").Replace(ClusterNamePlaceholder, clusterName, StringComparison.Ordinal),
            PolicyTemplate.Velero => Embedded("velero.policy.json").Replace(BackupBucketPlaceholder, BucketName(backupBucket), StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Unknown policy template."),
        };
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: 3 to 63 of a-z, 0-9, '.', '-'.
    private static string BucketName(string? bucket) =>
        bucket is { Length: >= 3 and <= 63 } && bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
            ? bucket
            : throw new ArgumentException($"'{bucket}' is not an S3 bucket name; the Velero policy is scoped to the backup bucket.", nameof(bucket));

    /// <summary>
    /// Who may assume an IRSA role: tokens from the cluster's OIDC provider, for that one service account and for STS,
    /// as https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html sets it up.
    /// </summary>
    /// <param name="oidcProviderArn">The IAM OIDC provider of the cluster.</param>
    /// <param name="oidcIssuer">The issuer without its scheme (<c>oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE</c>).</param>
    public static string ServiceAccountTrust(string oidcProviderArn, string oidcIssuer, ServiceAccountRole role)
    {
        var issuer = oidcIssuer.StartsWith("https://", StringComparison.Ordinal) ? oidcIssuer["https://".Length..] : oidcIssuer;
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = oidcProviderArn },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    [$"{issuer}:sub"] = role.Subject,
                    [$"{issuer}:aud"] = "sts.amazonaws.com",
                },
            },
        };
        return Document(statement);
    }

    /// <summary>Who may assume the node role: EC2 instances, which managed node groups launch.</summary>
    public static string NodeTrust() =>
        Document(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "ec2.amazonaws.com" },
            ["Action"] = "sts:AssumeRole",
        });

    private static string Document(JsonObject statement) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private static string Embedded(string resourceName)
    {
        using var stream = typeof(PolicyDocuments).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded policy {resourceName} is missing from {typeof(PolicyDocuments).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
