using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

public sealed class CatalogLookupTests
{
    private static readonly VersionCatalog Catalog = VersionCatalog.Embedded;

    [Fact]
    public void A_listed_minor_is_known_and_found()
    {
        var version = new KubernetesVersion(1, 34);

        Assert.True(Catalog.Knows(version));
        Assert.Equal(new DateOnly(2025, 10, 2), Catalog.Find(version)!.Released);
    }

    [Fact]
    public void An_unlisted_minor_is_neither_known_nor_found()
    {
        var version = new KubernetesVersion(1, 37);

        Assert.False(Catalog.Knows(version));
        Assert.Null(Catalog.Find(version));
    }

    [Fact]
    public void The_newest_minor_is_the_last_one()
    {
        Assert.Equal(new KubernetesVersion(1, 36), Catalog.Newest);
    }

    [Fact]
    public void Node_groups_are_not_pinned_to_an_AMI_release_the_catalog_does_not_have()
    {
        Assert.All(Catalog.Releases, r => Assert.Null(r.AmiReleaseVersion));
    }
}
