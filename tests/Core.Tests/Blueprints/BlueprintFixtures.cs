using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Blueprints;

/// <summary>Stack files and catalogs under Fixtures/Blueprints, judged on a fixed day inside both fixture versions' support.</summary>
internal static class BlueprintFixtures
{
    public const string Project = "infra";

    public static readonly DateOnly Today = new(2026, 5, 1);

    public static VersionCatalog FixtureCatalog { get; } = LoadCatalog("catalog-with-ami-release.yaml");

    public static ClusterStackSettings Blue => LoadCluster("Pulumi.blue.yaml");

    public static ClusterStackSettings Green => LoadCluster("Pulumi.green.yaml");

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Blueprints", file);

    public static VersionCatalog LoadCatalog(string file) => VersionCatalog.Load(File.ReadAllText(PathOf(file)));

    public static ClusterBlueprint Resolve(ClusterStackSettings settings) => Check(settings, FixtureCatalog).Require();

    /// <summary>Resolution of settings that parsed without a problem, against a catalog, on <see cref="Today"/> unless told.</summary>
    public static Validated<ClusterBlueprint> Check(ClusterStackSettings settings, VersionCatalog catalog, DateOnly? today = null) =>
        ClusterBlueprint.Resolve(settings, [], new ResolutionContext(catalog, today ?? Today, Project));

    private static ClusterStackSettings LoadCluster(string file) => (ClusterStackSettings)StackFile.Load(PathOf(file)).Require();
}
