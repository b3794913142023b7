using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

/// <summary>Stack files under Fixtures/Settings, judged on a fixed day so support phases do not drift with the calendar.</summary>
internal static class SettingsFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 21);

    public static ResolutionContext Context => new(VersionCatalog.Embedded, Today, "infra");

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Settings", relative);

    /// <summary>What <c>bluegreen validate</c> says of a fixture: parsed, then (a cluster stack) resolved.</summary>
    public static Validated<StackSettings> Load(string relative) => Validate(StackFile.Load(PathOf(relative)));

    public static Validated<StackSettings> Parse(string stackName, IReadOnlyDictionary<string, string> pulumiConfig) =>
        Validate(StackSettingsParser.Parse(new StackConfig(stackName, null, pulumiConfig)));

    /// <summary>Parse problems and, for a cluster stack, resolution's; the settings when neither found an error.</summary>
    public static Validated<StackSettings> Validate(Validated<StackSettings> parsed, DeployedCluster? deployed = null)
    {
        if (parsed.Value is not ClusterStackSettings cluster)
        {
            return parsed;
        }

        var resolved = ClusterBlueprint.Resolve(cluster, parsed.Problems, Context with { Deployed = deployed });
        return new Validated<StackSettings>(resolved.IsValid ? cluster : null, resolved.Problems);
    }

    /// <summary>The blueprint a valid cluster fixture resolves to.</summary>
    public static ClusterBlueprint Blueprint(string relative, DeployedCluster? deployed = null)
    {
        var parsed = StackFile.Load(PathOf(relative));
        return ClusterBlueprint.Resolve((ClusterStackSettings)parsed.Value!, parsed.Problems, Context with { Deployed = deployed }).Require();
    }

    public static Problem SingleError(this Validated<StackSettings> result, string key) =>
        Assert.Single(result.Errors, p => p.Key == key);
}
