using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;

namespace BlueGreen.Core.Tests.Deprecations;

public sealed class DeprecatedApiTableTests
{
    [Fact]
    public void The_table_was_reviewed_for_every_minor_in_the_version_catalog()
    {
        Assert.True(
            DeprecatedApiTable.Default.ReviewedThrough >= VersionCatalog.Embedded.Newest,
            $"The catalog knows {VersionCatalog.Embedded.Newest}; review deprecated-apis.data.yaml against the Kubernetes API lifecycle (kubernetes/api zz_generated.prerelease-lifecycle.go) for it and raise reviewedThrough.");
    }

    [Fact]
    public void Lookups_match_the_whole_api_version_exactly()
    {
        var table = DeprecatedApiTable.Default;

        Assert.NotNull(table.Find("apps/v1beta1", "Deployment"));
        Assert.Null(table.Find("apps.example.com/v1beta1", "Deployment"));
        Assert.Null(table.Find("APPS/v1beta1", "Deployment"));
        Assert.Null(table.Find("apps/v1beta1", "deployment"));
    }

    [Fact]
    public void A_row_removed_before_it_was_deprecated_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeprecatedApiTable.Parse("""
            reviewedThrough: "1.35"
            apis:
              - { apiVersion: batch/v1beta1, kind: CronJob, deprecatedIn: "1.25", removedIn: "1.21", replacement: batch/v1, replacementAvailableIn: "1.21" }
            """));

        Assert.Contains("batch/v1beta1 CronJob: removed in 1.21 before being deprecated in 1.25", error.Message);
    }

    [Fact]
    public void A_row_listed_twice_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeprecatedApiTable.Parse("""
            reviewedThrough: "1.35"
            apis:
              - { apiVersion: batch/v1beta1, kind: CronJob, removedIn: "1.25", replacement: batch/v1, replacementAvailableIn: "1.21" }
              - { apiVersion: batch/v1beta1, kind: CronJob, removedIn: "1.25", replacement: batch/v1, replacementAvailableIn: "1.21" }
            """));

        Assert.Contains("listed twice", error.Message);
    }

    [Fact]
    public void A_row_with_a_malformed_version_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeprecatedApiTable.Parse("""
            reviewedThrough: "1.35"
            apis:
              - { apiVersion: batch/v1beta1, kind: CronJob, removedIn: "one point twenty-five", replacement: batch/v1, replacementAvailableIn: "1.21" }
            """));

        Assert.Contains("'one point twenty-five' is not a Kubernetes minor version", error.Message);
    }

    [Fact]
    public void A_row_whose_replacement_is_an_api_version_must_say_from_when_it_is_served()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeprecatedApiTable.Parse("""
            reviewedThrough: "1.35"
            apis:
              - { apiVersion: batch/v1beta1, kind: CronJob, removedIn: "1.25", replacement: batch/v1 }
            """));

        Assert.Contains("replacementAvailableIn", error.Message);
    }

    [Fact]
    public void Every_api_version_replacement_in_the_shipped_table_says_from_when_it_is_served()
    {
        Assert.All(
            DeprecatedApiTable.Default.Entries.Where(e => !e.Replacement.StartsWith("none", StringComparison.Ordinal)),
            e => Assert.NotNull(e.ReplacementAvailableIn));
    }
}
