using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Catalog.Refresh;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary>How a refresh picks each pin from its source; the command's end-to-end behaviour is tested in Cli.Tests.</summary>
public sealed class CatalogRefreshTests
{
    private static readonly KubernetesVersion V135 = new(1, 35);

    private static ChartSource Chart(string name, params (string Line, string Minor)[] floors) =>
        new(name, "https://charts.example.com", name, floors.ToImmutableSortedDictionary(f => f.Line, f => KubernetesVersion.Parse(f.Minor), StringComparer.Ordinal));

    private static ImmutableArray<ChartRelease> Releases(params (string Version, string App)[] releases) =>
        [.. releases.Select(r => new ChartRelease(ChartVersion.Parse(r.Version), r.App))];

    [Fact]
    public void The_newest_chart_is_found_by_version_order_not_by_text_order()
    {
        var chosen = CatalogRefresh.Choose(Chart("aws-load-balancer-controller"), Releases(("3.9.0", "v3.9.0"), ("3.10.0", "v3.10.0")), V135);

        Assert.Equal("3.10.0", chosen?.Version.Text);
    }

    [Fact]
    public void A_pre_release_chart_is_never_chosen()
    {
        var chosen = CatalogRefresh.Choose(Chart("aws-load-balancer-controller"), Releases(("3.6.0-rc.1", "v3.6.0-rc.1"), ("3.5.0", "v3.5.0")), V135);

        Assert.Equal("3.5.0", chosen?.Version.Text);
    }

    [Fact]
    public void Cluster_autoscaler_is_the_newest_chart_whose_app_minor_is_the_cluster_minor()
    {
        var releases = Releases(("9.60.0", "1.36.0"), ("9.59.0", "1.35.0"), ("9.53.0", "1.34.2"));

        Assert.Equal("9.59.0", CatalogRefresh.Choose(Chart(AddonNames.ClusterAutoscaler), releases, V135)?.Version.Text);
        Assert.Equal("9.53.0", CatalogRefresh.Choose(Chart(AddonNames.ClusterAutoscaler), releases, new KubernetesVersion(1, 34))?.Version.Text);
        Assert.Null(CatalogRefresh.Choose(Chart(AddonNames.ClusterAutoscaler), releases, new KubernetesVersion(1, 33)));
    }

    [Fact]
    public void A_chart_with_a_compatibility_matrix_gets_the_newest_app_line_that_supports_the_minor()
    {
        var metricsServer = Chart(AddonNames.MetricsServer, ("0.7", "1.27"), ("0.8", "1.31"));
        var releases = Releases(("3.14.0", "0.10.0"), ("3.13.1", "0.8.1"), ("3.12.2", "0.7.2"));

        Assert.Equal("3.13.1", CatalogRefresh.Choose(metricsServer, releases, V135)?.Version.Text);
        Assert.Equal("3.12.2", CatalogRefresh.Choose(metricsServer, releases, new KubernetesVersion(1, 30))?.Version.Text);
    }

    [Fact]
    public void The_managed_version_is_the_one_aws_marks_default_for_that_minor_not_the_newest()
    {
        var answer = AddonVersionsAnswer.Parse("""
            {
                "addons": [
                    {
                        "addonName": "coredns",
                        "type": "networking",
                        "addonVersions": [
                            { "addonVersion": "v1.14.4-eksbuild.1", "architecture": ["amd64", "arm64"], "compatibilities": [ { "clusterVersion": "1.35", "platformVersions": ["*"], "defaultVersion": false } ] },
                            { "addonVersion": "v1.14.3-eksbuild.3", "architecture": ["amd64", "arm64"], "compatibilities": [ { "clusterVersion": "1.35", "platformVersions": ["*"], "defaultVersion": true } ] },
                            { "addonVersion": "v1.13.2-eksbuild.11", "architecture": ["amd64", "arm64"], "compatibilities": [ { "clusterVersion": "1.34", "platformVersions": ["*"], "defaultVersion": true } ] }
                        ],
                        "publisher": "eks",
                        "owner": "aws"
                    }
                ]
            }
            """, V135, "aws eks describe-addon-versions").Require();

        Assert.Equal("v1.14.3-eksbuild.3", answer.DefaultVersion("coredns"));
        Assert.Null(answer.DefaultVersion("vpc-cni"));
    }

    [Fact]
    public void The_shipped_catalog_is_readable_by_a_refresh_with_every_pin_of_every_minor()
    {
        using var stream = typeof(VersionCatalog).Assembly.GetManifestResourceStream(VersionCatalog.ResourceName)!;
        var pins = CatalogPins.Read(new StreamReader(stream).ReadToEnd(), VersionCatalog.ResourceName).Require();

        Assert.Equal(VersionCatalog.Embedded.Versions, pins.Minors.Select(m => m.Minor));
        Assert.All(pins.Minors, m => Assert.Equal(AddonNames.Managed.Order(StringComparer.Ordinal), m.Managed.Keys));
        Assert.All(pins.Minors, m => Assert.Equal(AddonNames.Helm.Order(StringComparer.Ordinal), m.Helm.Keys));
        Assert.All(pins.Charts, c => Assert.StartsWith("https://", c.IndexUrl.ToString()));
    }
}
