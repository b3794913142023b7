using BlueGreen.Core.Model;
using BlueGreen.Core.State;

namespace BlueGreen.Core.Tests.State;

public sealed class StateInventoryTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", "State", .. parts]);

    private static Task<StateInventory> Scan(string folder) => StateScanner.ScanAsync([Fixture(folder)]);

    private static StatefulItem Item(StateInventory inventory, string name) => inventory.Items.Single(i => i.Name == name);

    [Fact]
    public async Task A_StatefulSet_claim_template_on_gp3_is_an_EBS_volume_bound_to_blue()
    {
        var db = Item(await Scan("annotated"), "orders-db");

        var claim = Assert.Single(db.Claims);
        Assert.Equal(("StatefulSet", "orders", "data", true), (db.Kind, db.Namespace, claim.Name, claim.FromTemplate));
        Assert.Equal(("100Gi", "ReadWriteOnce", "gp3"), (claim.Size, Assert.Single(claim.AccessModes), claim.Storage.StorageClass));
        Assert.Equal(StorageBackend.Ebs, claim.Storage.Backend);
        Assert.Equal(StateStrategy.Snapshot, db.Strategy);
    }

    [Fact]
    public async Task A_StorageClass_in_the_manifests_decides_the_backend_of_its_claims()
    {
        var media = Item(await Scan("annotated"), "media-server");

        var claim = Assert.Single(media.Claims);
        Assert.Equal(("media", false, "50Gi", "ReadWriteMany"), (claim.Name, claim.FromTemplate, claim.Size, Assert.Single(claim.AccessModes)));
        Assert.Equal(("shared-files", "efs.csi.aws.com", StorageBackend.Efs), (claim.Storage.StorageClass, claim.Storage.Provisioner, claim.Storage.Backend));
    }

    [Fact]
    public async Task An_object_that_declares_a_strategy_is_listed_even_without_volumes()
    {
        var inventory = await Scan("annotated");

        var database = Item(inventory, "billing-db");
        Assert.Equal(("Service", StateStrategy.External), (database.Kind, database.Strategy));
        Assert.Empty(database.Claims);
        Assert.True(inventory.IsGo);
    }

    [Fact]
    public async Task A_claim_mounted_by_a_workload_is_not_listed_again_on_its_own()
    {
        var inventory = await Scan("annotated");

        Assert.DoesNotContain(inventory.Items, i => i.Kind == "PersistentVolumeClaim");
        Assert.Equal(["billing-db", "media-server", "orders-db"], inventory.Items.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stateful_workloads_without_a_strategy_make_the_inventory_no_go_naming_each_one()
    {
        var inventory = await Scan("missing");

        Assert.False(inventory.IsGo);
        Assert.Equal(
            ["CronJob/analytics/nightly-report", "PersistentVolumeClaim/analytics/old-exports", "StatefulSet/analytics/search"],
            inventory.MissingStrategy.Select(i => i.Reference).Order(StringComparer.Ordinal));
        var blocker = Assert.Single(inventory.Blockers);
        Assert.Contains("analytics/search", blocker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CronJob_mounting_a_claim_declared_beside_it_gets_that_claims_class_and_size()
    {
        var report = Item(await Scan("missing"), "nightly-report");

        var claim = Assert.Single(report.Claims);
        Assert.Equal(("reports-scratch", "200Gi", StorageBackend.Ebs), (claim.Name, claim.Size, claim.Storage.Backend));
    }

    [Fact]
    public async Task A_class_nobody_explains_is_said_to_be_unknown()
    {
        var inventory = await Scan("missing");

        var exports = Assert.Single(Item(inventory, "old-exports").Claims);
        Assert.Equal(StorageBackend.Unknown, exports.Storage.Backend);
        Assert.Contains("standard-rwo", exports.AcrossClusters, StringComparison.Ordinal);
        var index = Assert.Single(Item(inventory, "search").Claims);
        Assert.Null(index.Storage.StorageClass);
        Assert.Equal(StorageBackend.Unknown, index.Storage.Backend);
    }

    [Fact]
    public async Task An_invalid_strategy_is_an_error_naming_file_line_and_value()
    {
        var inventory = await Scan("invalid");

        var problem = Assert.Single(inventory.Problems);
        Assert.True(problem.IsError);
        Assert.Equal(ProblemCodes.StateUnknownStrategy, problem.Code);
        Assert.Equal((Fixture("invalid", "cache.yaml"), 7, 25, "snapshots"), (problem.File, problem.Line, problem.Column, problem.Value));
        Assert.False(inventory.IsGo);
    }

    [Fact]
    public void A_workload_mounting_a_claim_the_manifests_do_not_declare_says_its_storage_is_unknown()
    {
        const string Deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: uploader, namespace: web, annotations: {bluegreen.io/state: backup}}
            spec:
              template:
                spec:
                  containers: [{name: app, image: "uploader:1.0"}]
                  volumes: [{name: files, persistentVolumeClaim: {claimName: uploads}}]
            """;

        var claim = Assert.Single(Assert.Single(StateScanner.Of("uploader.yaml", Deployment).Items).Claims);

        Assert.False(claim.Declared);
        Assert.Equal(StorageBackend.Unknown, claim.Storage.Backend);
    }

    [Fact]
    public void Objects_in_a_kubectl_list_read_like_manifests()
    {
        const string List = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "apps/v1", "kind": "StatefulSet",
               "metadata": {"name": "orders-db", "namespace": "orders", "annotations": {"bluegreen.io/state": "backup"}},
               "spec": {"replicas": 3, "template": {"spec": {"containers": []}},
                        "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"storageClassName": "gp3"}}]}}
            ]}
            """;

        var db = Assert.Single(StateScanner.Of("kubectl", List).Items);

        Assert.Equal((StateStrategy.Backup, StorageBackend.Ebs), (db.Strategy, Assert.Single(db.Backends)));
    }

    [Theory]
    [InlineData(StateStrategy.Snapshot, true, true)]
    [InlineData(StateStrategy.Backup, true, true)]
    [InlineData(StateStrategy.Replicate, true, false)]
    [InlineData(StateStrategy.External, false, false)]
    [InlineData(StateStrategy.None, false, false)]
    public void Each_strategy_says_whether_it_freezes_writers_and_moves_data_through_Velero(StateStrategy strategy, bool freezes, bool velero)
    {
        var profile = strategy.Profile();

        Assert.Equal((freezes, velero), (profile.Freezes, profile.MovesThroughVelero));
        Assert.NotEmpty(profile.Steps);
        Assert.True(StateStrategies.TryParse(strategy.Key(), out var parsed) && parsed == strategy);
    }
}
