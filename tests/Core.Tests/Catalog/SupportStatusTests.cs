using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary>
/// Support phases of Kubernetes 1.31 on EKS (released 2024-09-26, standard support until 2025-11-26, extended until
/// 2026-11-26): each end date is the first day of the next phase, as AWS bills it.
/// </summary>
public sealed class SupportStatusTests
{
    private static readonly VersionCatalog Catalog = VersionCatalog.Embedded;
    private static readonly KubernetesVersion V131 = new(1, 31);

    [Fact]
    public void The_day_before_release_the_version_is_not_yet_released()
    {
        var status = Catalog.SupportOn(V131, new DateOnly(2024, 9, 25));

        Assert.Equal(SupportPhase.NotYetReleased, status.Phase);
        Assert.Equal(new DateOnly(2024, 9, 26), status.PhaseEnds);
        Assert.False(status.IsSupported);
    }

    [Fact]
    public void On_the_release_day_standard_support_begins()
    {
        Assert.Equal(SupportPhase.Standard, Catalog.SupportOn(V131, new DateOnly(2024, 9, 26)).Phase);
    }

    [Fact]
    public void The_last_day_of_standard_support_has_one_day_left_at_the_standard_price()
    {
        var status = Catalog.SupportOn(V131, new DateOnly(2025, 11, 25));

        Assert.Equal(SupportPhase.Standard, status.Phase);
        Assert.Equal(new DateOnly(2025, 11, 26), status.PhaseEnds);
        Assert.Equal(1, status.DaysLeft);
        Assert.Equal(0.10m, status.PricePerClusterHour);
        Assert.True(status.IsSupported);
    }

    [Fact]
    public void On_the_end_of_standard_support_date_extended_support_begins_at_the_extended_price()
    {
        var status = Catalog.SupportOn(V131, new DateOnly(2025, 11, 26));

        Assert.Equal(SupportPhase.Extended, status.Phase);
        Assert.Equal(new DateOnly(2026, 11, 26), status.PhaseEnds);
        Assert.Equal(365, status.DaysLeft);
        Assert.Equal(0.60m, status.PricePerClusterHour);
        Assert.True(status.IsSupported);
    }

    [Fact]
    public void A_month_of_extended_support_costs_730_cluster_hours_at_the_extended_price()
    {
        Assert.Equal(438.00m, Catalog.SupportOn(V131, new DateOnly(2026, 1, 1)).PricePerMonth);
    }

    [Fact]
    public void An_unsupported_version_has_no_monthly_price()
    {
        Assert.Null(Catalog.SupportOn(V131, new DateOnly(2026, 11, 26)).PricePerMonth);
    }

    [Fact]
    public void The_last_day_of_extended_support_has_one_day_left()
    {
        var status = Catalog.SupportOn(V131, new DateOnly(2026, 11, 25));

        Assert.Equal(SupportPhase.Extended, status.Phase);
        Assert.Equal(1, status.DaysLeft);
    }

    [Fact]
    public void On_the_end_of_extended_support_date_the_version_is_unsupported()
    {
        var status = Catalog.SupportOn(V131, new DateOnly(2026, 11, 26));

        Assert.Equal(SupportPhase.Unsupported, status.Phase);
        Assert.Null(status.PhaseEnds);
        Assert.Null(status.DaysLeft);
        Assert.Null(status.PricePerClusterHour);
        Assert.False(status.IsSupported);
    }

    [Fact]
    public void Every_phase_reports_both_support_end_dates()
    {
        var status = Catalog.SupportOn(V131, new DateOnly(2025, 1, 1));

        Assert.Equal(new DateOnly(2025, 11, 26), status.EndOfStandardSupport);
        Assert.Equal(new DateOnly(2026, 11, 26), status.EndOfExtendedSupport);
    }

    [Fact]
    public void Extended_support_explains_its_sixfold_price_and_the_forced_upgrade()
    {
        var explanation = Catalog.SupportOn(V131, new DateOnly(2026, 11, 21)).Explanation;

        Assert.Contains("extended support", explanation);
        Assert.Contains("$0.60", explanation);
        Assert.Contains("$0.10", explanation);
        Assert.Contains("6 times", explanation);
        Assert.Contains("2026-11-26, 5 days from 2026-11-21", explanation);
        Assert.Contains("by force", explanation);
    }

    [Fact]
    public void Standard_support_explains_what_extended_support_will_cost_and_when()
    {
        var explanation = Catalog.SupportOn(new KubernetesVersion(1, 35), new DateOnly(2026, 11, 21)).Explanation;

        Assert.Contains("standard support ($0.10 per cluster-hour) until 2027-03-27", explanation);
        Assert.Contains("$0.60", explanation);
        Assert.Contains("until 2028-03-27", explanation);
    }

    [Fact]
    public void Unsupported_explains_that_EKS_upgrades_by_force()
    {
        var explanation = Catalog.SupportOn(new KubernetesVersion(1, 28), new DateOnly(2026, 11, 21)).Explanation;

        Assert.Contains("left EKS extended support on 2025-11-26", explanation);
        Assert.Contains("by force", explanation);
    }

    [Fact]
    public void A_version_outside_the_catalog_is_reported_as_unknown_not_as_unsupported()
    {
        var status = Catalog.SupportOn(new KubernetesVersion(1, 99), new DateOnly(2026, 11, 21));

        Assert.Equal(SupportPhase.NotInCatalog, status.Phase);
        Assert.Null(status.Release);
        Assert.Null(status.EndOfStandardSupport);
        Assert.False(status.IsSupported);
        Assert.Contains("not in the version catalog", status.Explanation);
        Assert.Contains("1.28 to 1.36", status.Explanation);
    }

    [Theory]
    [InlineData("1.30", SupportPhase.Unsupported)]
    [InlineData("1.31", SupportPhase.Extended)]
    [InlineData("1.32", SupportPhase.Extended)]
    [InlineData("1.33", SupportPhase.Extended)]
    [InlineData("1.34", SupportPhase.Standard)]
    [InlineData("1.35", SupportPhase.Standard)]
    public void On_2026_11_21_each_minor_is_in_the_phase_of_the_EKS_calendar(string minor, SupportPhase phase)
    {
        Assert.Equal(phase, Catalog.SupportOn(KubernetesVersion.Parse(minor), new DateOnly(2026, 11, 21)).Phase);
    }
}
