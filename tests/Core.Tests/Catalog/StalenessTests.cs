using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

public sealed class StalenessTests
{
    private static readonly VersionCatalog Catalog = VersionCatalog.Embedded;

    [Fact]
    public void A_catalog_checked_today_is_fresh()
    {
        Assert.Null(Catalog.Staleness(Catalog.AsOf));
    }

    [Fact]
    public void A_catalog_90_days_old_is_still_fresh()
    {
        Assert.Null(Catalog.Staleness(Catalog.AsOf.AddDays(90)));
    }

    [Fact]
    public void A_catalog_91_days_old_is_stale_and_says_how_old_and_what_to_refresh()
    {
        var warning = Catalog.Staleness(Catalog.AsOf.AddDays(91));

        Assert.NotNull(warning);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("eks-versions.data.yaml", warning.File);
        Assert.Equal("asOf", warning.Key);
        Assert.Equal(Catalog.AsOf.ToString("yyyy-MM-dd"), warning.Value);
        Assert.Contains("91 days old", warning.Message);
    }
}
