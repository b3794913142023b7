using System.Text.RegularExpressions;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Tests.Model;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.Tests.Catalog;

/// <summary>What every block of the shipped catalog must satisfy, checked minor by minor.</summary>
public sealed partial class EmbeddedCatalogDataTests
{
    private static readonly VersionCatalog Catalog = VersionCatalog.Embedded;

    public static TheoryData<string> Minors()
    {
        var minors = new TheoryData<string>();
        foreach (var version in VersionCatalog.Embedded.Versions)
        {
            minors.Add(version.ToString());
        }

        return minors;
    }

    [Fact]
    public void The_embedded_catalog_covers_every_minor_from_1_28_to_1_36_without_gaps()
    {
        Assert.Equal(
            Enumerable.Range(28, 9).Select(minor => new KubernetesVersion(1, minor)),
            Catalog.Versions);
    }

    [Fact]
    public void The_embedded_catalog_names_its_sources()
    {
        Assert.NotEmpty(Catalog.Sources);
    }

    [Fact]
    public void Every_version_block_names_where_its_facts_come_from_using_the_keys_of_the_sources_list()
    {
        var root = (YamlMappingNode)EmbeddedYaml().Documents[0].RootNode;
        var sourceKeys = ((YamlSequenceNode)root["sources"]).Select(s => ((YamlScalarNode)s).Value!.Split(':')[0]).ToHashSet();
        var blocks = ((YamlSequenceNode)root["versions"]).Cast<YamlMappingNode>().ToList();

        Assert.Equal(Catalog.Versions.Count, blocks.Count);
        Assert.All(blocks, block =>
        {
            var source = Assert.IsType<YamlScalarNode>(block["source"]).Value!;
            Assert.Contains(sourceKeys, key => source.Contains(key, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void The_catalog_date_is_not_earlier_than_the_newest_release_it_lists()
    {
        Assert.True(Catalog.AsOf >= Catalog.Releases[^1].Released);
    }

    [Fact]
    public void Extended_support_costs_six_times_the_standard_cluster_hour()
    {
        Assert.Equal(0.10m, Catalog.Pricing.StandardPerHour);
        Assert.Equal(0.60m, Catalog.Pricing.ExtendedPerHour);
        Assert.Equal(6m, Catalog.Pricing.ExtendedMultiple);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Release_comes_before_end_of_standard_support_which_comes_before_end_of_extended_support(string minor)
    {
        var release = Release(minor);

        Assert.True(release.Released < release.EndOfStandardSupport);
        Assert.True(release.EndOfStandardSupport < release.EndOfExtendedSupport);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Standard_support_lasts_fourteen_months_from_the_EKS_release(string minor)
    {
        var release = Release(minor);

        Assert.Equal(release.Released.AddMonths(14), release.EndOfStandardSupport);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Extended_support_ends_twelve_months_after_standard_support(string minor)
    {
        var release = Release(minor);

        Assert.Equal(release.EndOfStandardSupport.AddMonths(12), release.EndOfExtendedSupport);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Every_minor_pins_every_installed_add_on_but_the_optional_ones(string minor)
    {
        var addons = Release(minor).Addons;

        Assert.Equal(
            AddonRegistry.Installed.Where(a => !a.OptionalPerMinor || addons.All.Any(pinned => pinned.Name == a.Name)).Select(a => a.Name),
            addons.All.Select(a => a.Name));
        Assert.All(addons.All, a => Assert.False(string.IsNullOrWhiteSpace(a.Version)));
        Assert.All(addons.All, a => Assert.False(a.IsOverridden));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Managed_add_ons_are_pinned_to_EKS_add_on_builds(string minor)
    {
        Assert.All(Release(minor).Addons.All.Where(a => a.Kind == AddonKind.Managed), a => Assert.Matches(EksBuild(), a.Version));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Kube_proxy_has_the_cluster_minor(string minor)
    {
        var kubeProxy = Release(minor).Addons[AddonNames.KubeProxy];

        Assert.StartsWith($"v{minor}.", kubeProxy.Version);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Cluster_autoscaler_runs_the_cluster_minor(string minor)
    {
        var autoscaler = Release(minor).Addons[AddonNames.ClusterAutoscaler];

        Assert.StartsWith($"{minor}.", autoscaler.AppVersion);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Helm_charts_name_their_https_repository_chart_and_app_version(string minor)
    {
        Assert.All(Release(minor).Addons.All.Where(a => a.Kind == AddonKind.Helm), chart =>
        {
            Assert.StartsWith("https://", chart.Definition.Source!.Repository);
            Assert.Equal(chart.Name, chart.Definition.Source.Chart);
            Assert.Matches(SemVer(), chart.Version);
            Assert.False(string.IsNullOrWhiteSpace(chart.AppVersion));
        });
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Metrics_server_is_a_release_line_that_supports_the_minor(string minor)
    {
        // metrics-server README compatibility matrix: 0.7.x supports 1.27+, 0.8.x supports 1.31+.
        var appVersion = Release(minor).Addons[AddonNames.MetricsServer].AppVersion!;
        var lowestSupported = appVersion.StartsWith("0.8.", StringComparison.Ordinal) ? new KubernetesVersion(1, 31) : new KubernetesVersion(1, 27);

        Assert.True(KubernetesVersion.Parse(minor) >= lowestSupported, $"metrics-server {appVersion} does not support {minor}");
    }

    private static YamlStream EmbeddedYaml()
    {
        using var reader = new StreamReader(Repository.File("core/Catalog/eks-versions.data.yaml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return yaml;
    }

    private static KubernetesRelease Release(string minor) => Catalog.Find(KubernetesVersion.Parse(minor))!;

    [GeneratedRegex(@"^v\d+\.\d+\.\d+-eksbuild\.\d+$")]
    private static partial Regex EksBuild();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();
}
