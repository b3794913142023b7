using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Outputs;
using Pulumi;
using Aws = Pulumi.Aws;
using K8s = Pulumi.Kubernetes;

namespace BlueGreen.Infra.Tests;

/// <summary>The shared stack's backup bucket and Velero on the colors, under mocks.</summary>
[Collection(PulumiCollection.Name)]
public class BackupTests
{
    [Fact]
    public async Task The_shared_stack_declares_one_versioned_encrypted_private_bucket_with_a_lifecycle_rule_and_reads_no_stack()
    {
        var run = await StackRun.UpAsync("Pulumi.shared.yaml");

        var bucket = Assert.Single(run.Mocks.OfType("aws:s3/bucket:Bucket"));
        var id = $"{bucket.Name}-id";
        var versioning = Assert.Single(run.Mocks.OfType("aws:s3/bucketVersioning:BucketVersioning")).Inputs;
        Assert.Equal((id, "Enabled"), (versioning["bucket"], Map(versioning["versioningConfiguration"])["status"]));
        var encryption = Assert.Single(run.Mocks.OfType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")).Inputs;
        Assert.Equal("aws:kms", Map(Map(Assert.Single(List(encryption["rules"])))["applyServerSideEncryptionByDefault"])["sseAlgorithm"]);
        var publicAccess = Assert.Single(run.Mocks.OfType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).Inputs;
        Assert.All(new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" }, key => Assert.Equal(true, publicAccess[key]));
        var rule = Map(Assert.Single(List(Assert.Single(run.Mocks.OfType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).Inputs["rules"])));
        Assert.Equal(("Enabled", 30), ((string)rule["status"], Convert.ToInt32(Map(rule["noncurrentVersionExpiration"])["noncurrentDays"])));
        Assert.Empty(run.Mocks.OfType("pulumi:pulumi:StackReference"));
        Assert.Equal(SharedStackOutputs.All.Order(), run.Outputs.Keys.Order());
        Assert.Equal(id, await ((Output<string>)run.Outputs[SharedStackOutputs.BackupBucket]!).GetValueAsync());
    }

    [Fact]
    public async Task Each_color_reads_the_bucket_from_the_shared_stack_of_its_organization_and_project_and_passes_it_on()
    {
        var run = await StackRun.UpAsync("Pulumi.green.yaml");

        Assert.Contains(run.Mocks.OfType("pulumi:pulumi:StackReference"), r => (string)r.Inputs["name"] == StackMocks.SharedStack);
        Assert.Equal(StackMocks.BackupBucket, await ((Output<string>)run.Outputs[ClusterStackOutputs.BackupBucket]!).GetValueAsync());
    }

    [Fact]
    public async Task Velero_is_installed_in_its_namespace_writing_its_own_colors_location_in_the_shared_bucket()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var release = await Release(run, AddonNames.Velero);
        Assert.Equal(("velero", "velero"), (await release.Namespace.GetValueAsync(), await release.Chart.GetValueAsync()));
        var locations = List(Map((await release.Values.GetValueAsync())["configuration"])["backupStorageLocation"]).Select(Map).ToList();
        Assert.Equal(
            [("blue", "ReadWrite", StackMocks.BackupBucket), ("green", "ReadOnly", StackMocks.BackupBucket)],
            locations.Select(l => ((string)l["name"], (string)l["accessMode"], (string)l["bucket"])));
    }

    [Fact]
    public async Task Veleros_role_may_touch_the_shared_bucket_only()
    {
        var run = await StackRun.UpAsync("Pulumi.blue.yaml");

        var policies = await Task.WhenAll(run.OfType<Aws.Iam.RolePolicy>().Select(p => p.Policy.GetValueAsync()));
        var s3Resources = policies
            .SelectMany(document => JsonNode.Parse(document)!["Statement"]!.AsArray())
            .Where(statement => statement!["Action"]!.ToJsonString().Contains("s3:", StringComparison.Ordinal))
            .SelectMany(statement => statement!["Resource"]!.AsArray().Select(r => (string)r!))
            .ToList();
        Assert.Equal([$"arn:aws:s3:::{StackMocks.BackupBucket}", $"arn:aws:s3:::{StackMocks.BackupBucket}/*"], s3Resources.Order(StringComparer.Ordinal));
    }

    private static async Task<K8s.Helm.V3.Release> Release(StackRun run, string name)
    {
        foreach (var release in run.OfType<K8s.Helm.V3.Release>())
        {
            if (await release.Name.GetValueAsync() == name)
            {
                return release;
            }
        }

        throw new Xunit.Sdk.XunitException($"No Helm release named {name}.");
    }

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static IEnumerable<object> List(object value) => (IEnumerable<object>)value;
}
