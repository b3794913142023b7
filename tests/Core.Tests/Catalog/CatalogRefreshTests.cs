using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Catalog.Refresh;
using BlueGreen.Core.Model;
using BlueGreen.Core.Tests.Model;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary>How a refresh picks each pin from its source; the command's end-to-end behaviour is tested in Cli.Tests.</summary>
public sealed class CatalogRefreshTests
{
    private static readonly KubernetesVersion V135 = new(1, 35);

    /// <summary>The add-on's one definition, as a refresh reads it.</summary>
    private static AddonDefinition Chart(string name) => AddonRegistry.Find(name)!;

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
        var metricsServer = Chart(AddonNames.MetricsServer);
        var releases = Releases(("3.14.0", "0.10.0"), ("3.13.1", "0.8.1"), ("3.12.2", "0.7.2"));

        Assert.Equal("3.13.1", CatalogRefresh.Choose(metricsServer, releases, V135)?.Version.Text);
        Assert.Equal("3.12.2", CatalogRefresh.Choose(metricsServer, releases, new KubernetesVersion(1, 30))?.Version.Text);
    }

    [Fact]
    public void A_chart_without_a_compatibility_matrix_takes_its_newest_stable_release_on_any_minor()
    {
        var releases = Releases(("3.5.0", "v3.5.0"), ("3.2.2", "v3.2.2"));

        Assert.Equal("3.5.0", CatalogRefresh.Choose(Chart(AddonNames.AwsLoadBalancerController), releases, new KubernetesVersion(1, 28))?.Version.Text);
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
        var pins = CatalogPins.Read(File.ReadAllText(Repository.File("core/Catalog/eks-versions.data.yaml")), VersionCatalog.ResourceName).Require();

        Assert.Equal(VersionCatalog.Embedded.Versions, pins.Minors.Select(m => m.Minor));
        Assert.All(pins.Minors, m => Assert.Equal(Names(a => a.Kind == AddonKind.Managed && !a.OptionalPerMinor), m.Managed.Keys.Where(k => k != AddonNames.SnapshotController)));
        Assert.All(pins.Minors, m => Assert.Equal(Names(a => a.Kind == AddonKind.Helm), m.Helm.Keys));
    }

    [Fact]
    public void Without_an_override_each_chart_is_read_from_the_repository_its_registry_definition_names()
    {
        var repositories = ChartRepository.ForEveryHelmAddon([]).Require();

        Assert.Equal(Names(a => a.Kind == AddonKind.Helm), repositories.Select(r => r.Addon.Name).Order(StringComparer.Ordinal));
        Assert.All(repositories, r => Assert.Equal(r.Addon.Source!.Repository, r.Url));
        Assert.Equal(new Uri("https://kubernetes-sigs.github.io/metrics-server/index.yaml"), repositories.Single(r => r.Addon.Name == AddonNames.MetricsServer).IndexUrl);
    }

    [Fact]
    public void An_override_points_only_its_own_chart_elsewhere()
    {
        var repositories = ChartRepository.ForEveryHelmAddon(["metrics-server=http://127.0.0.1:8080/mirror"]).Require();

        Assert.Equal(new Uri("http://127.0.0.1:8080/mirror/index.yaml"), repositories.Single(r => r.Addon.Name == AddonNames.MetricsServer).IndexUrl);
        Assert.Equal("https://kubernetes.github.io/autoscaler", repositories.Single(r => r.Addon.Name == AddonNames.ClusterAutoscaler).Url);
    }

    [Theory]
    [InlineData("external-dns=https://kubernetes-sigs.github.io/external-dns/")]
    [InlineData("coredns=https://charts.example.com")]
    [InlineData("metrics-server")]
    [InlineData("metrics-server=ftp://charts.example.com")]
    public void An_override_that_names_no_helm_add_on_or_no_http_url_is_an_error_with_its_code(string option)
    {
        var error = Assert.Single(ChartRepository.ForEveryHelmAddon([option]).Errors);

        Assert.Equal((ProblemCodes.RefreshChartRepository, ChartRepository.OptionName, option), (error.Code, error.Key, error.Value));
    }

    [Fact]
    public void Every_bad_override_is_reported_at_once()
    {
        var result = ChartRepository.ForEveryHelmAddon(["nope=https://a.example.com", "metrics-server=x", "metrics-server=https://b.example.com", "metrics-server=https://c.example.com"]);

        Assert.Equal(3, result.Errors.Count());
    }

    private static IEnumerable<string> Names(Func<AddonDefinition, bool> which) =>
        AddonRegistry.Installed.Where(which).Select(a => a.Name).Order(StringComparer.Ordinal);
}
