using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class VeleroBlueprintTests
{
    private const string Bucket = "infra-backups-4f2a9c";
    private const string RoleArn = "arn:aws:iam::123456789012:role/infra-blue-velero";

    [Fact]
    public void Each_color_writes_its_own_backup_location_and_reads_the_other_colors()
    {
        Assert.Equal([("blue", "ReadWrite", true), ("green", "ReadOnly", false)], Locations(Values(Blue)));
        Assert.Equal([("green", "ReadWrite", true), ("blue", "ReadOnly", false)], Locations(Values(Green)));
    }

    [Fact]
    public void Both_locations_and_the_snapshot_location_get_the_shared_bucket_and_the_region()
    {
        var values = Values(Blue);

        var configuration = Map(values["configuration"]);
        Assert.All(List(configuration["backupStorageLocation"]).Select(Map), location =>
        {
            Assert.Equal((Bucket, "eu-west-1"), (location["bucket"], Map(location["config"])["region"]));
            Assert.Equal(location["name"], location["prefix"]);
        });
        Assert.Equal("eu-west-1", Map(Map(Assert.Single(List(configuration["volumeSnapshotLocation"])))["config"])["region"]);
        Assert.Equal(RoleArn, Map(Map(Map(values["serviceAccount"])["server"])["annotations"])["eks.amazonaws.com/role-arn"]);
    }

    [Fact]
    public void The_aws_plugin_image_is_the_one_the_catalog_pins_for_the_minor_and_credentials_come_from_irsa()
    {
        var values = Values(Blue);

        var plugin = Map(Assert.Single(List(values["initContainers"])));
        Assert.Equal("velero/velero-plugin-for-aws:v1.13.2", plugin["image"]);
        Assert.Equal(false, Map(values["credentials"])["useSecret"]);
        Assert.True(Map(values["podSecurityContext"]).ContainsKey("fsGroup"));
    }

    [Fact]
    public void Without_the_snapshot_controller_there_is_no_snapshot_class_and_no_csi_feature()
    {
        var values = Values(Green);

        Assert.False(values.ContainsKey("extraObjects"));
        Assert.False(Map(values["configuration"]).ContainsKey("features"));
    }

    [Fact]
    public void A_volume_snapshot_class_for_the_ebs_csi_driver_is_labelled_for_velero_and_retains_snapshots()
    {
        var values = Values(Green, WithSnapshotController);

        Assert.Equal("EnableCSI", Map(values["configuration"])["features"]);
        var snapshotClass = Map(Assert.Single(List(values["extraObjects"])));

        Assert.Equal(("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass"), (snapshotClass["apiVersion"], snapshotClass["kind"]));
        Assert.Equal(("ebs.csi.aws.com", "Retain"), (snapshotClass["driver"], snapshotClass["deletionPolicy"]));
        Assert.Equal("true", Map(Map(snapshotClass["metadata"])["labels"])["velero.io/csi-volumesnapshot-class"]);
    }

    [Fact]
    public void The_velero_role_is_limited_to_the_one_bucket_and_the_ebs_snapshot_actions()
    {
        var statements = JsonNode.Parse(PolicyDocuments.Render(PolicyTemplate.Velero, "infra-blue-k3x9q2", Bucket))!["Statement"]!.AsArray();

        var s3Resources = statements.Where(s => Actions(s!).Any(a => a.StartsWith("s3:", StringComparison.Ordinal)))
            .SelectMany(s => s!["Resource"]!.AsArray().Select(r => (string)r!));
        Assert.Equal([$"arn:aws:s3:::{Bucket}", $"arn:aws:s3:::{Bucket}/*"], s3Resources.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["ec2:CreateSnapshot", "ec2:CreateTags", "ec2:CreateVolume", "ec2:DeleteSnapshot", "ec2:DescribeSnapshots", "ec2:DescribeVolumes"],
            statements.SelectMany(s => Actions(s!)).Where(a => a.StartsWith("ec2:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_velero_policy_without_a_bucket_is_a_bug_not_a_policy_for_every_bucket()
    {
        Assert.Throws<ArgumentException>(() => PolicyDocuments.Render(PolicyTemplate.Velero, "infra-blue-k3x9q2"));
        Assert.Throws<ArgumentException>(() => PolicyDocuments.Render(PolicyTemplate.Velero, "infra-blue-k3x9q2", "*"));
    }

    [Fact]
    public void A_catalog_minor_without_the_aws_plugin_version_is_invalid()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Catalog", "one-minor.yaml"))
            .Replace(", plugin: v1.13.2", "", StringComparison.Ordinal);

        var error = Assert.Single(VersionCatalog.Parse(text, "one-minor.yaml").Errors);

        Assert.Equal((ProblemCodes.CatalogInvalid, "versions[1.33].helm.velero"), (error.Code, error.Key));
    }

    private static VersionCatalog WithSnapshotController => VersionCatalog.Load(File.ReadAllText(PathOf("catalog-with-ami-release.yaml"))
        .Replace("      aws-ebs-csi-driver: v1.56.0-eksbuild.1\n", "      aws-ebs-csi-driver: v1.56.0-eksbuild.1\n      snapshot-controller: v8.3.0-eksbuild.1\n", StringComparison.Ordinal));

    private static ImmutableDictionary<string, object> Values(Core.Settings.ClusterStackSettings settings, VersionCatalog? catalog = null) =>
        Check(settings, catalog ?? FixtureCatalog).Require().Charts.Single(c => c.Name == AddonNames.Velero).ValuesWith(new Dictionary<RuntimeValue, string>
        {
            [RuntimeValue.BackupBucket] = Bucket,
            [RuntimeValue.Region] = "eu-west-1",
            [RuntimeValue.ServiceAccountRoleArn] = RoleArn,
        });

    private static List<(object Name, object Mode, object Default)> Locations(IReadOnlyDictionary<string, object> values) =>
        [.. List(Map(values["configuration"])["backupStorageLocation"]).Select(Map).Select(l => (l["name"], l["accessMode"], l["default"]))];

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static IReadOnlyList<object> List(object value) => (ImmutableArray<object>)value;

    private static IEnumerable<string> Actions(JsonNode statement) => statement["Action"] switch
    {
        JsonArray many => many.Select(a => (string)a!),
        JsonValue one => [(string)one!],
        _ => [],
    };
}
