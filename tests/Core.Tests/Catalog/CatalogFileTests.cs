using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary>Catalog files under Fixtures/Catalog, as someone editing the data file could write them.</summary>
public sealed class CatalogFileTests
{
    private static Validated<VersionCatalog> Parse(string name) =>
        VersionCatalog.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Catalog", name)), name);

    [Fact]
    public void A_complete_catalog_is_read_with_its_dates_prices_and_charts()
    {
        var catalog = Parse("one-minor.yaml").Require();

        var release = Assert.Single(catalog.Releases);
        Assert.Equal(new KubernetesVersion(1, 33), release.Version);
        Assert.Equal(new DateOnly(2026, 7, 29), release.EndOfStandardSupport);
        Assert.Equal(new DateOnly(2026, 4, 30), catalog.AsOf);
        Assert.Equal(new ClusterPricing(0.10m, 0.60m), catalog.Pricing);
        var autoscaler = release.Addons[AddonNames.ClusterAutoscaler];
        Assert.Equal(("9.51.0", "1.33.0"), (autoscaler.Version, autoscaler.AppVersion));
    }

    [Fact]
    public void A_minor_missing_an_add_on_is_rejected_naming_the_add_on()
    {
        var error = Assert.Single(Parse("missing-kube-proxy.yaml").Errors);

        Assert.Equal("versions[1.33].managed.kube-proxy", error.Key);
        Assert.Equal("missing-kube-proxy.yaml", error.File);
    }

    [Fact]
    public void Support_dates_out_of_order_are_rejected()
    {
        var error = Assert.Single(Parse("dates-out-of-order.yaml").Errors);

        Assert.Equal("versions[1.33]", error.Key);
        Assert.Equal("2025-05-29 / 2026-07-29 / 2026-07-28", error.Value);
    }

    [Fact]
    public void A_misspelt_key_is_rejected_with_its_line_rather_than_silently_dropped()
    {
        var error = Assert.Single(Parse("misspelt-key.yaml").Errors);

        Assert.Equal("line 11", error.Key);
        Assert.Contains("endOfStandardSuport", error.Message);
    }

    [Fact]
    public void A_minor_listed_twice_is_rejected()
    {
        var error = Assert.Single(Parse("duplicate-minor.yaml").Errors);

        Assert.Equal("versions[1].kubernetes", error.Key);
        Assert.Equal("1.33", error.Value);
    }

    [Fact]
    public void Loading_catalog_text_that_is_invalid_is_a_bug_and_throws()
    {
        Assert.Throws<InvalidOperationException>(() => VersionCatalog.Load("asOf: 2026-04-30"));
    }

    [Fact]
    public void Empty_catalog_text_is_rejected()
    {
        Assert.False(VersionCatalog.Parse("").IsValid);
    }
}
